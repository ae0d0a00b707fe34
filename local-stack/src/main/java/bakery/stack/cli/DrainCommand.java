package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "drain", mixinStandardHelpOptions = true, description = "Takes a web node out of rotation: nginx sends it no more requests (in-flight ones finish, its live streams reconnect to other nodes) and the node keeps running for diagnosis; status shows it DRAINED until ./bakery undrain NODE.")
final class DrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "a web node id as ./bakery status shows it, e.g. web-2")
    String node;

    @Override
    public Integer call() {
        BakeryCommand.stack().drain(node);
        return 0;
    }
}
