package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "undrain", mixinStandardHelpOptions = true, description = "Puts a drained web node back into rotation once it answers ready.")
final class UndrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "a drained web node id, e.g. web-2")
    String node;

    @Override
    public Integer call() {
        BakeryCommand.stack().undrain(node);
        return 0;
    }
}
