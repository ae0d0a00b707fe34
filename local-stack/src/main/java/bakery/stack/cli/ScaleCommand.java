package bakery.stack.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Service;

@Command(name = "scale", mixinStandardHelpOptions = true, description = "Sets how many nodes a service runs: ./bakery scale baking-worker=3 (web, order-service, baking-worker, notification-worker).")
final class ScaleCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SERVICE=N")
    String[] targets;

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        for (String target : targets) {
            int eq = target.indexOf('=');
            if (eq < 1) {
                throw new StackException("write SERVICE=N, e.g. baking-worker=3 (got '" + target + "')");
            }
            Service service = Service.parse(target.substring(0, eq).trim());
            int count;
            try {
                count = Integer.parseInt(target.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new StackException("'" + target.substring(eq + 1) + "' is not a number of instances");
            }
            int partitions = stack.settings().number("kafka.partitions");
            if (service != Service.WEB_TIER && count > partitions) {
                stack.progress().step("note: " + count + " " + service.module() + " nodes share " + partitions
                        + " partitions per topic; " + (count - partitions) + " will sit idle");
            }
            stack.scale(service, count);
        }
        return 0;
    }
}
