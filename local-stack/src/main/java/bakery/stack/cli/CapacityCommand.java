package bakery.stack.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.stack.capacity.CapacityFiles;
import bakery.stack.capacity.CapacityReport;
import bakery.stack.capacity.SteppedLoad;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.process.StackSettings;

@Command(name = "capacity", mixinStandardHelpOptions = true, description = {
        "Sizing by testing: customers through the balancer at rising rates, each step judged by the service levels "
                + "(checkout p99, placed to ready within the oven time + 10 s, no lag growing); finds what one instance "
                + "of each tier carries and prints the instances, partitions, brokers, database connections and cost a "
                + "target needs. Writes capacity.json and capacity.md under .bakery/capacity/<time>/." })
final class CapacityCommand implements Callable<Integer> {

    @Option(names = "--target", description = "the orders a peak brings, e.g. 1000/min or 20/s (default: capacity.target)")
    String target;
    @Option(names = "--short", description = "two or three small steps (capacity.short.*): a check that the run works, in about a minute")
    boolean shortRun;
    @Option(names = "--write-docs", description = "also put the run's tables into docs/capacity.md and its findings into "
            + "deploy/capacity.json, which the Kubernetes overlays are checked against")
    boolean writeDocs;
    @Option(names = "--policy", description = "the capacity policy, for the instance sizes (default: deploy/scaling.yaml)")
    Path policyFile;
    @Option(names = "--prices", description = "the price file (default: deploy/prices.yaml)")
    Path pricesFile;

    @Override
    public Integer call() {
        Path root = Path.of(System.getProperty("bakery.root", "."));
        ScalingPolicy policy = ScalingPolicy.read(policyFile != null ? policyFile : root.resolve(ScalingPolicy.FILE));
        Prices prices = Prices.read(pricesFile != null ? pricesFile : root.resolve(Prices.FILE));
        StackSettings settings = StackSettings.fromEnvironment();
        LocalStack stack = BakeryCommand.stack(shortRun ? settings.shortRun("capacity") : settings);
        StackSettings s = stack.settings();
        double perMinute = perMinute(target != null ? target : s.text("capacity.target"));
        List<Double> rates = s.list("capacity.steps").stream().map(Double::parseDouble).toList();
        Duration step = s.duration("capacity.step-duration");
        stack.progress().step(String.format("sizing for %.0f orders/min: steps of %d s at %s orders/s", perMinute,
                step.toSeconds(), rates));
        Path out = stack.layout().home().resolve("capacity").resolve(BenchCommand.FOLDER.format(Instant.now()));
        CapacityReport report = new SteppedLoad(stack).run(
                new SteppedLoad.Plan(rates, step, s.number("capacity.producer-records"), perMinute, shortRun), policy, prices,
                out);
        CapacityFiles.write(report, out);
        System.out.print("\n" + report.text());
        System.out.println("Capacity  " + out.resolve(CapacityFiles.JSON) + "  " + out.resolve(CapacityFiles.MARKDOWN));
        if (writeDocs) {
            Path page = root.resolve("docs/capacity.md");
            CapacityFiles.writeDocs(report, page);
            Path sizing = root.resolve(CapacityFiles.DEPLOYED);
            CapacityFiles.writeJson(report, sizing);
            System.out.println("Rewrote   " + page + "  " + sizing);
        }
        return 0;
    }

    /** {@code 1000/min}, {@code 1000} (a minute's) or {@code 20/s}, as orders per minute. */
    static double perMinute(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            double value = t.endsWith("/s") ? Double.parseDouble(t.substring(0, t.length() - 2)) * 60
                    : Double.parseDouble(t.endsWith("/min") ? t.substring(0, t.length() - 4) : t);
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target " + text + " is not a rate like 1000/min or 20/s");
        }
    }
}
