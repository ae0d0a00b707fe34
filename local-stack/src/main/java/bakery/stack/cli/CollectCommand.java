package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "collect", mixinStandardHelpOptions = true, description = "Archives what a running node knows (its log, a thread dump, its metrics page) under .bakery/archive/<node>-<time>/ and leaves it running; ./bakery does the same by itself before any node stops.")
final class CollectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", description = "a node id as ./bakery status shows it, e.g. baking-worker-1")
    String node;

    @Override
    public Integer call() {
        BakeryCommand.stack().collect(node);
        return 0;
    }
}
