package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import bakery.stack.orchestration.LocalStack;

@Command(name = "down", mixinStandardHelpOptions = true, description = "Stops every process of the stack gracefully (data under .bakery/ is kept).")
final class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        int stopped = stack.down();
        if (stopped > 0) {
            stack.progress()
                    .step("the bakery is down: " + stopped + " processes stopped; data kept in " + stack.layout().home());
        }
        return 0;
    }
}
