package bakery.stack.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.WorkerScaling;
import bakery.servers.kafka.ConsumerLag;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;
import bakery.stack.scaling.AutoscalePolicy;
import bakery.stack.scaling.CapacityPlan;
import bakery.stack.scaling.ScaleDownWindow;
import bakery.stack.scaling.ServiceCount;

@Command(name = "autoscale", mixinStandardHelpOptions = true, description = {
        "The stack's controller: keeps every service at its count (a dead node's log archived, the node replaced within seconds) and scales the Kafka consumers as the capacity policy (deploy/scaling.yaml) says: the calendar's floor, plus one instance per lag threshold of records waiting, logging every decision, until Ctrl-C.",
        "With --plan or --month it only prints what the policy gives and what it costs (deploy/prices.yaml)." })
final class AutoscaleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Option(names = "--plan", description = "print the instances per service the policy gives at --at (default: now) and why, then exit")
    boolean plan;
    @Option(names = "--at", description = "the moment for --plan, local time of the policy's zone, e.g. 2026-12-30T10:00 (or with an offset)")
    String at;
    @Option(names = "--month", description = "print the month's instance-hours and cost per service, e.g. 2026-12, then exit")
    String month;
    @Option(names = "--json", description = "print --plan or --month as JSON")
    boolean json;
    @Option(names = "--policy", description = "the capacity policy (default: deploy/scaling.yaml of the repository)")
    Path policyFile;
    @Option(names = "--prices", description = "the price file (default: deploy/prices.yaml of the repository)")
    Path pricesFile;

    @Option(names = "--min", description = "fewest instances of each worker, whatever the calendar (default: the policy's floor of the moment)")
    Integer min;
    @Option(names = "--max", description = "most instances of each worker (default: the policy's max; never more than partitions)")
    Integer max;
    @Option(names = "--interval", description = "how often to look at the lag, e.g. 5s (default: autoscale.interval)")
    String interval;
    @Option(names = "--cooldown", description = "scale-down stabilisation window, e.g. 30s (default: autoscale.cooldown)")
    String cooldown;
    @Option(names = "--keep-only", description = "only keep each service at its current count (replace dead nodes), no lag or calendar scaling")
    boolean keepOnly;
    @Option(names = "--service", split = ",", description = "only these services (default: every lag-scaled service of the policy)")
    List<String> services;

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("bakery.root", "."));
        ScalingPolicy policy = ScalingPolicy.read(policyFile != null ? policyFile : root.resolve(ScalingPolicy.FILE));
        if (plan || month != null || at != null) {
            return print(new CapacityPlan(policy,
                    Prices.read(pricesFile != null ? pricesFile : root.resolve(Prices.FILE))));
        }
        LocalStack stack = BakeryCommand.stack();
        Duration every = interval != null ? parse(interval) : stack.settings().duration("autoscale.interval");
        Duration window = cooldown != null ? parse(cooldown) : stack.settings().duration("autoscale.cooldown");
        Map<AutoscalePolicy, ScaleDownWindow> rules = new LinkedHashMap<>();
        for (AutoscalePolicy p : keepOnly ? List.<AutoscalePolicy> of() : AutoscalePolicy.of(policy)) {
            if (services == null || services.stream().map(Service::parse).anyMatch(s -> s == p.service())) {
                WorkerScaling s = p.ruleAt(p.policy().min(), min, max);
                rules.put(p, new ScaleDownWindow(s, window));
                stack.progress().step(String.format(
                        "%s: group %s on %s, lag threshold %d, %d..%d instances (floors from the calendar), cooldown %ds",
                        p.service().module(), s.consumerGroup(), s.topics(), s.lagThreshold(), s.min(), s.max(),
                        window.toSeconds()));
            }
        }
        Duration keepEvery = stack.settings().duration("autoscale.keep-interval");
        stack.progress().step((keepOnly ? "" : "looking at the lag every " + every.toSeconds() + " s; ")
                + "replacing a dead node within " + keepEvery.toMillis() + " ms of noticing; "
                + "Ctrl-C stops (the nodes keep running)");
        Instant nextLook = Instant.now();
        while (true) {
            keepCounts(stack);
            if (!keepOnly && !Instant.now().isBefore(nextLook)) {
                StackState state = stack.requireRunning();
                try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(),
                        stack.settings().duration("probe-timeout"))) {
                    Instant now = Instant.now();
                    Map<String, ScalingPolicy.Floor> floors = policy.floorsAt(now);
                    for (var entry : rules.entrySet()) {
                        AutoscalePolicy p = entry.getKey();
                        ScalingPolicy.Floor floor = floors.get(p.service().module());
                        decide(stack, state, lag, p, p.ruleAt(floor.instances(), min, max), floor, entry.getValue(), now);
                    }
                } catch (IllegalStateException e) {
                    stack.progress().step("cannot read the lag now: " + e.getMessage());
                }
                nextLook = Instant.now().plus(every);
            }
            Thread.sleep(keepEvery.toMillis());
        }
    }

    /** Desired state kept: every service back at the count the state lists, dead nodes archived and replaced. */
    private static void keepCounts(LocalStack stack) {
        StackState state = stack.requireRunning();
        for (ServiceCount count : ServiceCount.of(state.instances(), Instance::service, stack::running)) {
            if (count.missingNodes()) {
                stack.progress()
                        .step(String.format("%s: %d of %d running; replacing the dead node(s), their logs archived first",
                                count.service(), count.running(), count.desired()));
                try {
                    stack.replaceDead(Service.parse(count.service()));
                } catch (StackException e) {
                    stack.progress().step("could not replace a " + count.service() + " node now: " + e.getMessage());
                }
            }
        }
    }

    private static void decide(LocalStack stack, StackState state, ConsumerLag lag, AutoscalePolicy policy,
            WorkerScaling scaling, ScalingPolicy.Floor floor, ScaleDownWindow rule, Instant now) {
        List<ConsumerLag.TopicLag> topics = lag.of(scaling.consumerGroup(), scaling.topics());
        long total = topics.stream().mapToLong(ConsumerLag.TopicLag::lag).sum();
        int partitions = topics.stream().mapToInt(ConsumerLag.TopicLag::partitions).max()
                .orElse(stack.settings().number("kafka.partitions"));
        int current = (int) state.nodes(policy.service()).stream().filter(stack::running).count();
        ScaleDownWindow.Decision d = rule.decide(now, scaling, current, total, partitions);
        String why = String.format("%s: lag %d, ceil(%d/%d) within [%d (%s), min(%d, %d partitions)] -> %d",
                policy.service().module(), total, total, scaling.lagThreshold(), scaling.min(), floor.reason(),
                scaling.max(), partitions, d.recommended());
        if (d.changes()) {
            stack.progress().step(why + "; scaling " + current + " -> " + d.desired());
            stack.scale(policy.service(), d.desired());
        } else if (d.heldByCooldown()) {
            stack.progress().step(why + "; keeping " + current + " (cooldown)");
        } else {
            stack.progress().step(why + "; keeping " + current);
        }
    }

    private int print(CapacityPlan capacity) throws Exception {
        Object report;
        String text;
        if (month != null) {
            CapacityPlan.Month m = capacity.month(parseMonth(month));
            report = m;
            text = m.text();
        } else {
            CapacityPlan.Moment m = capacity.at(moment(capacity.policy().timezone()));
            report = m;
            text = m.text();
        }
        spec.commandLine().getOut()
                .print(json ? StateFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n" : text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Instant moment(ZoneId zone) {
        if (at == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(at).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--at " + at + " is not a moment like 2026-12-30T10:00");
            }
        }
    }

    private static YearMonth parseMonth(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--month " + text + " is not a month like 2026-12");
        }
    }

    private static Duration parse(String text) {
        return StackSettings.parseDuration(text);
    }
}
