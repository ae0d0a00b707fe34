package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.contracts.scaling.WorkerScaling;
import bakery.servers.kafka.ConsumerLag;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.scaling.AutoscalePolicy;
import bakery.stack.scaling.ScaleDownWindow;

@Command(name = "autoscale", mixinStandardHelpOptions = true, description = "Scales the Kafka consumers on their lag with the rule and numbers of the KEDA ScaledObjects (contracts' scaling.properties), logging every decision, until Ctrl-C.")
final class AutoscaleCommand implements Callable<Integer> {

    @Option(names = "--min", description = "fewest instances of each worker (default: per service, the shipped scaling rule)")
    Integer min;
    @Option(names = "--max", description = "most instances of each worker (never more than partitions)")
    Integer max;
    @Option(names = "--interval", description = "how often to look at the lag, e.g. 5s (default: autoscale.interval)")
    String interval;
    @Option(names = "--cooldown", description = "scale-down stabilisation window, e.g. 30s (default: autoscale.cooldown)")
    String cooldown;
    @Option(names = "--service", split = ",", description = "only these services (default: every one the shipped scaling rules name)")
    List<String> services;

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack = BakeryCommand.stack();
        Duration every = interval != null ? parse(interval) : stack.settings().duration("autoscale.interval");
        Duration window = cooldown != null ? parse(cooldown) : stack.settings().duration("autoscale.cooldown");
        Map<AutoscalePolicy, ScaleDownWindow> rules = new LinkedHashMap<>();
        for (AutoscalePolicy p : AutoscalePolicy.shipped(min, max)) {
            if (services == null || services.stream().map(Service::parse).anyMatch(s -> s == p.service())) {
                WorkerScaling s = p.scaling();
                rules.put(p, new ScaleDownWindow(s, window));
                stack.progress().step(String.format("%s: group %s on %s, lag threshold %d, %d..%d instances, cooldown %ds",
                        p.service().module(), s.consumerGroup(), s.topics(), s.lagThreshold(), s.min(), s.max(),
                        window.toSeconds()));
            }
        }
        stack.progress().step(
                "looking at the lag every " + every.toSeconds() + " s; Ctrl-C stops autoscaling (the nodes keep running)");
        while (true) {
            StackState state = stack.requireRunning();
            try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(),
                    stack.settings().duration("probe-timeout"))) {
                for (var entry : rules.entrySet()) {
                    decide(stack, state, lag, entry.getKey(), entry.getValue());
                }
            } catch (IllegalStateException e) {
                stack.progress().step("cannot read the lag now: " + e.getMessage());
            }
            Thread.sleep(every.toMillis());
        }
    }

    private static void decide(LocalStack stack, StackState state, ConsumerLag lag, AutoscalePolicy policy,
            ScaleDownWindow rule) {
        WorkerScaling scaling = policy.scaling();
        List<ConsumerLag.TopicLag> topics = lag.of(scaling.consumerGroup(), scaling.topics());
        long total = topics.stream().mapToLong(ConsumerLag.TopicLag::lag).sum();
        int partitions = topics.stream().mapToInt(ConsumerLag.TopicLag::partitions).max()
                .orElse(stack.settings().number("kafka.partitions"));
        int current = (int) state.nodes(policy.service()).stream().filter(stack::running).count();
        ScaleDownWindow.Decision d = rule.decide(Instant.now(), current, total, partitions);
        String why = String.format("%s: lag %d, ceil(%d/%d) within [%d, min(%d, %d partitions)] -> %d",
                policy.service().module(), total, total, scaling.lagThreshold(), scaling.min(), scaling.max(), partitions,
                d.recommended());
        if (d.changes()) {
            stack.progress().step(why + "; scaling " + current + " -> " + d.desired());
            stack.scale(policy.service(), d.desired());
        } else if (d.heldByCooldown()) {
            stack.progress().step(why + "; keeping " + current + " (cooldown)");
        } else {
            stack.progress().step(why + "; keeping " + current);
        }
    }

    private static Duration parse(String text) {
        return StackSettings.parseDuration(text);
    }
}
