package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "undrain", mixinStandardHelpOptions = true, description = "Puts a drained node back into rotation: a web node once it answers ready, a worker or order-service node by joining its consumer groups again.")
final class UndrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "a drained node id, e.g. web-2 or baking-worker-1")
    String node;

    @Override
    public Integer call() {
        BakeryCommand.stack().undrain(node);
        return 0;
    }
}
