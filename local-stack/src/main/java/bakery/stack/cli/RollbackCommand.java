package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import bakery.stack.orchestration.LocalStack;
import bakery.stack.upgrade.RollingUpgrade;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = "Returns every node to the release the last upgrade (or rollback) moved away from, "
        + "one at a time and web-tier first, the same way ./bakery upgrade goes forward; the schema stays as it is.")
final class RollbackCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        new RollingUpgrade(stack).rollback();
        System.out.printf("%nRolled back in %.0f s. ./bakery status shows every node's release.%n",
                stack.progress().elapsed().toMillis() / 1000.0);
        return 0;
    }
}
