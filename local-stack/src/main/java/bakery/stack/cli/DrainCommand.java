package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "drain", mixinStandardHelpOptions = true, description = "Takes a node out of rotation and keeps it running for diagnosis; status shows it DRAINED until ./bakery undrain NODE. A web node: nginx sends it no more requests (in-flight ones finish, its live streams reconnect to other nodes). A worker or order-service node: it finishes the work in hand and leaves its consumer groups, whose partitions move to the other nodes of its service.")
final class DrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "a node id as ./bakery status shows it, e.g. web-2 or baking-worker-1")
    String node;

    @Override
    public Integer call() {
        BakeryCommand.stack().drain(node);
        return 0;
    }
}
