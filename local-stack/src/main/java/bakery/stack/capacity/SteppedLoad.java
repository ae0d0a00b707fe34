package bakery.stack.capacity;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import bakery.contracts.BakeEvent;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.serde.BakeEventDeserializer;
import bakery.contracts.serde.OrderPlacedDeserializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.load.chaos.Outcome;
import bakery.load.chaos.SteadyLoad;
import bakery.load.report.Percentiles;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.kafka.TopicReader;
import bakery.servers.process.Pids;
import bakery.stack.bench.BrokerCeiling;
import bakery.stack.bench.StackSampler;
import bakery.stack.figures.KeyFigures;
import bakery.stack.orchestration.IdleStack;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.OrderPace;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;

/**
 * Sizing by testing: customers through the balancer (the chaos run's {@link SteadyLoad}) at one rate
 * per step, rising, while the bench's {@link StackSampler} watches the consumer groups' lag; then the
 * orders of every step are followed to READY on Kafka, and each step is judged against the service
 * levels. Stepping stops once checkouts break: the web tier is where every customer waits.
 */
public final class SteppedLoad {

    /** The steps (orders per second, rising), how long each lasts, and the target to size for. */
    public record Plan(List<Double> ratesPerSecond, Duration step, int producerRecords, double targetPerMinute,
            boolean shortRun) {
    }

    /** One step's customers: when it ran, what they got accepted, how long their checkouts took, what failed. */
    private record Window(double rate, Instant from, Instant to, Map<UUID, Instant> accepted, List<Long> checkoutMillis,
            long failed) {
    }

    private static final Set<OrderStatus> SETTLED = EnumSet.of(OrderStatus.READY, OrderStatus.PICKED_UP,
            OrderStatus.REJECTED, OrderStatus.CANCELLED);

    private final LocalStack stack;
    private final StackSettings s;
    private final ServiceLevels levels;

    public SteppedLoad(LocalStack stack) {
        this.stack = stack;
        this.s = stack.settings();
        this.levels = ServiceLevels.of(s);
    }

    public CapacityReport run(Plan plan, ScalingPolicy policy, Prices prices, Path out) {
        StackState state = stack.requireRunning();
        long upSeconds = Duration.between(state.startedAt(), Instant.now()).toSeconds();
        // Orders still queued from before would share the ovens with this run's and read as its lag.
        IdleStack.await(stack, "capacity.idle-timeout", "a sizing run measures an idle stack");
        Machine machine = Machine.here();
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            instances.put(service.module(), (int) state.nodes(service).stream().filter(stack::running).count());
        }
        stack.progress().step("measuring on " + machine.describe());

        BrokerCeiling broker = BrokerCeiling.measure(stack, plan.producerRecords(), out.resolve("producer-performance.txt"),
                s.duration("capacity.tool-timeout"));
        stack.progress().step(String.format("one Kafka broker: %.0f records/s of %d B (ProducerPerformance, acks=all)",
                broker.recordsPerSecond(), broker.recordBytes()));

        Map<String, Long> endsBefore = topicEnds();
        long commitsBefore = commits();
        Instant from = Instant.now();
        List<Window> windows = new ArrayList<>();
        List<StackSampler.LagSample> lag;
        StackSampler sampler = new StackSampler(this::serviceNodes, stack.kafka().bootstrapServers(), Service.WORKER_GROUPS,
                s.duration("capacity.sample-interval"), s.duration("probe-timeout"));
        try {
            for (double rate : plan.ratesPerSecond()) {
                Window w = step(rate, plan.step());
                windows.add(w);
                long p99 = Percentiles.of(w.checkoutMillis()).p99();
                stack.progress().step(String.format("%.1f orders/s asked: %d accepted in %.1f s, checkout p99 %d ms, %d failed",
                        rate, w.accepted().size(), seconds(w), p99, w.failed()));
                if (w.accepted().isEmpty() || w.failed() > 0 || p99 > levels.checkoutP99().toMillis()) {
                    stack.progress().step("checkouts broke their level: no higher step");
                    break;
                }
            }
            awaitSettled(windows, from);
        } finally {
            sampler.close();
            lag = sampler.lag();
        }
        Set<UUID> all = new HashSet<>();
        windows.forEach(w -> all.addAll(w.accepted().keySet()));
        int orders = Math.max(1, all.size());
        double recordsPerOrder = (sum(topicEnds()) - sum(endsBefore)) / (double) orders;
        double commitsPerOrder = (commits() - commitsBefore) / (double) orders;

        TopicReader topics = new TopicReader(stack.kafka().bootstrapServers(), s.duration("capacity.request-timeout"));
        Map<UUID, OrderPlaced> placed = new HashMap<>();
        topics.since(Topics.ORDERS_PLACED, from, new OrderPlacedDeserializer()).forEach(r -> placed.putIfAbsent(
                r.value().orderId(), r.value()));
        List<OrderStatusChanged> statuses = topics.since(Topics.ORDERS_STATUS, from, new OrderStatusChangedDeserializer())
                .stream().map(ConsumerRecord::value).toList();
        List<BakeEvent> bakes = topics.since(Topics.BAKE_EVENTS, from, new BakeEventDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
        Map<UUID, Long> beyondOven = beyondOven(placed, statuses, bakes);

        List<LoadStep> steps = new ArrayList<>();
        for (Window w : windows) {
            List<Long> beyond = w.accepted().keySet().stream().filter(beyondOven::containsKey).map(beyondOven::get).toList();
            steps.add(LoadStep.judge(new LoadStep.Measured(w.rate(), seconds(w), w.accepted().size(),
                    Percentiles.of(w.checkoutMillis()).p99(), w.failed(), Percentiles.of(beyond).p99(),
                    w.accepted().size() - beyond.size(), lagRise(lag, w)), levels));
        }
        List<TierCapacity> tiers = TierCapacity.of(steps, instances);

        List<Integer> bakerPorts = state.nodes(Service.BAKING_WORKER).stream().filter(stack::running)
                .map(Instance::managementPort).toList();
        KeyFigures.Ovens ovens = new KeyFigures(s.duration("probe-timeout")).ovens(bakerPorts);
        if (ovens.bakers() == 0 || ovens.meanBakeSeconds().isEmpty()) {
            throw new StackException("no baking-worker told its oven slots and bake times: the oven arithmetic needs one "
                    + "(./bakery scale baking-worker=1)");
        }
        double speed = OrderPace.speedFactor(System.getenv("OVEN_SPEED_FACTOR"));
        Sizing sizing = Sizing.of(tiers,
                new Sizing.Inputs(plan.targetPerMinute(), Double.parseDouble(s.text("capacity.headroom")),
                        s.number("capacity.min-instances"), s.number("kafka.partitions"), ovens.slots() / ovens.bakers(),
                        ovens.meanBakeSeconds().getAsDouble(), speed, broker.recordsPerSecond(), recordsPerOrder,
                        s.number("capacity.kafka-min-brokers"), maxConnections(), s.number("capacity.db-pool-size"),
                        s.number("capacity.db-reserved-connections"), s.number("capacity.rollout-surge"), commitsPerOrder,
                        Double.parseDouble(s.text("capacity.hours-per-month"))),
                policy, prices);
        return new CapacityReport(Instant.now().toString(), machine,
                new CapacityReport.Conditions(upSeconds, instances, speed, plan.step().toMillis() / 1000.0, plan.shortRun()),
                levels, steps, tiers, sizing);
    }

    /** Customers placing {@code rate} orders a second for {@code duration}, each at most one order every few seconds. */
    private Window step(double rate, Duration duration) {
        int shoppers = (int) Math.ceil(rate / Double.parseDouble(s.text("capacity.orders-per-shopper")));
        Duration interval = Duration.ofMillis(Math.round(shoppers / rate * 1000));
        SteadyLoad load = new SteadyLoad(new SteadyLoad.Settings("http://localhost:" + s.port("balancer"),
                s.text("session-cookie"), shoppers, 0, s.duration("capacity.pace"), interval,
                s.duration("capacity.request-timeout"), s.duration("capacity.checkout-retry"), 1));
        Instant from = Instant.now();
        try {
            load.start();
            Pids.pause(duration);
        } finally {
            load.stop();
        }
        Instant to = Instant.now();
        Map<Outcome, Long> outcomes = load.outcomes();
        long failed = outcomes.getOrDefault(Outcome.SERVER_ERROR, 0L) + outcomes.getOrDefault(Outcome.NO_ANSWER, 0L)
                + outcomes.getOrDefault(Outcome.UNAVAILABLE, 0L);
        return new Window(rate, from, to, load.accepted(), load.checkoutMillis(), failed);
    }

    /** Until every accepted order is settled (READY for a good one), or capacity.settle-timeout. */
    private void awaitSettled(List<Window> windows, Instant from) {
        Set<UUID> accepted = new HashSet<>();
        windows.forEach(w -> accepted.addAll(w.accepted().keySet()));
        TopicReader topics = new TopicReader(stack.kafka().bootstrapServers(), s.duration("capacity.request-timeout"));
        Instant deadline = Instant.now().plus(s.duration("capacity.settle-timeout"));
        while (true) {
            Set<UUID> settled = new HashSet<>();
            topics.since(Topics.ORDERS_STATUS, from, new OrderStatusChangedDeserializer()).stream().map(ConsumerRecord::value)
                    .filter(c -> SETTLED.contains(c.status())).forEach(c -> settled.add(c.orderId()));
            long open = accepted.stream().filter(id -> !settled.contains(id)).count();
            if (open == 0) {
                stack.progress().step("every accepted order is settled");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                stack.progress().step(open + " orders not settled within " + s.text("capacity.settle-timeout")
                        + ": they count as not ready");
                return;
            }
            Pids.pause(s.duration("capacity.poll-interval"));
        }
    }

    /**
     * Per order, how long it waited beyond its own oven time: placed to READY less the time from its
     * first BakeStarted to its first BakeFinished. The orders that never got READY are absent.
     */
    static Map<UUID, Long> beyondOven(Map<UUID, OrderPlaced> placed, List<OrderStatusChanged> statuses,
            List<BakeEvent> bakes) {
        Map<UUID, Instant> ready = new HashMap<>();
        statuses.stream().filter(c -> c.status() == OrderStatus.READY)
                .forEach(c -> ready.merge(c.orderId(), c.at(), (a, b) -> a.isBefore(b) ? a : b));
        Map<UUID, Instant> started = new HashMap<>();
        Map<UUID, Instant> finished = new HashMap<>();
        for (BakeEvent e : bakes) {
            (e.stage() == BakeEvent.Stage.STARTED ? started : finished).merge(e.orderId(), e.at(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<UUID, Long> beyond = new HashMap<>();
        placed.forEach((id, order) -> {
            if (ready.containsKey(id)) {
                long oven = started.containsKey(id) && finished.containsKey(id)
                        ? Duration.between(started.get(id), finished.get(id)).toMillis()
                        : 0;
                beyond.put(id, Math.max(0, Duration.between(order.placedAt(), ready.get(id)).toMillis() - oven));
            }
        });
        return beyond;
    }

    /**
     * How much each group's lag rose in the step: the least lag seen in the step's last
     * {@code capacity.lag-window} against the least in its first. The least, because offsets are
     * committed every few seconds: between commits the lag of a group that keeps up climbs and falls back.
     */
    private Map<String, Long> lagRise(List<StackSampler.LagSample> samples, Window w) {
        Duration window = s.duration("capacity.lag-window");
        Map<String, Long> rise = new LinkedHashMap<>();
        for (String group : Service.WORKER_GROUPS) {
            OptionalLong first = least(samples, group, w.from(), w.from().plus(window));
            OptionalLong last = least(samples, group, w.to().minus(window), w.to());
            rise.put(group, first.isPresent() && last.isPresent() ? Math.max(0, last.getAsLong() - first.getAsLong()) : 0);
        }
        return rise;
    }

    private static OptionalLong least(List<StackSampler.LagSample> samples, String group, Instant from, Instant to) {
        return samples.stream().filter(x -> !x.at().isBefore(from) && !x.at().isAfter(to))
                .mapToLong(x -> x.lagByGroup().entrySet().stream().filter(e -> e.getKey().startsWith(group + " / "))
                        .mapToLong(Map.Entry::getValue).sum())
                .min();
    }

    /** The end offsets of the topics the bakery's groups read (committed position + lag), by topic. */
    private Map<String, Long> topicEnds() {
        Instant deadline = Instant.now().plus(s.duration("capacity.request-timeout"));
        try (ConsumerLag consumers = new ConsumerLag(stack.kafka().bootstrapServers(), s.duration("probe-timeout"))) {
            while (true) {
                try {
                    Map<String, Long> ends = new HashMap<>();
                    consumers.all().stream().filter(l -> Service.WORKER_GROUPS.contains(l.group()) && l.committed())
                            .forEach(l -> ends.merge(l.topic(), l.position() + l.lag(), Math::max));
                    return ends;
                } catch (IllegalStateException slowBroker) {
                    // A loaded machine's broker may miss one answer: ask again, until the deadline.
                    if (Instant.now().isAfter(deadline)) {
                        throw new StackException("Kafka did not tell the topics' end offsets: " + slowBroker.getMessage(),
                                slowBroker);
                    }
                    Pids.pause(s.duration("probe-interval"));
                }
            }
        }
    }

    private static long sum(Map<String, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    private long commits() {
        return query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    private int maxConnections() {
        return (int) query("SELECT setting::int FROM pg_settings WHERE name = 'max_connections'");
    }

    private long query(String sql) {
        try (Connection db = stack.postgres().connect(s.duration("probe-timeout"));
                PreparedStatement q = db.prepareStatement(sql);
                ResultSet r = q.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StackException("PostgreSQL did not answer (" + sql + "): " + e.getMessage(), e);
        }
    }

    private List<Instance> serviceNodes() {
        return stack.stateFile().load().map(st -> st.instances().stream()
                .filter(i -> Arrays.stream(Service.values()).anyMatch(i::isService)).toList()).orElse(List.of());
    }

    private static double seconds(Window w) {
        return Duration.between(w.from(), w.to()).toMillis() / 1000.0;
    }
}
