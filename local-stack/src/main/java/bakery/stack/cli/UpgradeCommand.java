package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.stack.orchestration.LocalStack;
import bakery.stack.process.StackState;
import bakery.stack.release.Release;
import bakery.stack.upgrade.ReleaseBuild;
import bakery.stack.upgrade.RollingUpgrade;

@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Builds the working tree (or GIT_REF) as a release, migrates the schema once, "
        + "then replaces every node one at a time: baking-worker, notification-worker, order-service, web-tier. Each new node must be "
        + "ready (and own partitions, for a consumer; and answer no worse than the old nodes, behind nginx) before an old one leaves; "
        + "otherwise every node goes back to the release it ran. With no change it is a rolling restart. ./bakery rollback returns.")
final class UpgradeCommand implements Callable<Integer> {

    @Option(names = "--ref", paramLabel = "GIT_REF", description = "a branch, tag or commit to build instead of the working tree")
    String ref;

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        StackState state = stack.requireRunning();
        ReleaseBuild build = ReleaseBuild.of(stack);
        Release next = ref == null ? build.workingTree(state.releasesInUse()) : build.ref(ref);
        new RollingUpgrade(stack).upgrade(next);
        System.out.printf("%nUpgraded to %s in %.0f s. ./bakery status shows every node's release.%n", next.name(),
                stack.progress().elapsed().toMillis() / 1000.0);
        return 0;
    }
}
