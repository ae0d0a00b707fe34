package bakery.stack.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.contracts.Topics;
import bakery.contracts.serde.OrderPlacedDeserializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.load.chaos.SteadyLoad;
import bakery.load.flow.OrderTimes;
import bakery.load.report.BakingScaling;
import bakery.load.report.BenchSummary;
import bakery.load.report.CpuCost;
import bakery.load.report.GatlingStats;
import bakery.load.report.HalfCapacity;
import bakery.load.report.RequestNames;
import bakery.load.report.SummaryFiles;
import bakery.load.report.Targets;
import bakery.servers.kafka.TopicReader;
import bakery.servers.process.Pids;
import bakery.stack.bench.BrokerCeiling;
import bakery.stack.bench.Ceilings;
import bakery.stack.bench.StackCpu;
import bakery.stack.bench.StackSampler;
import bakery.stack.bench.Tool;
import bakery.stack.orchestration.BakingScalingRun;
import bakery.stack.orchestration.IdleStack;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.ScaleOutStarts;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks the running bakery through its balancer (Gatling mix and checkout capacity, then checkout at half that capacity) against the limits of the same machine (trivial GET with wrk, Kafka ProducerPerformance, redis-benchmark), then baking throughput at 1, 2, 4, 12 workers; writes Gatling's report and summary.md/summary.json under .bakery/bench/.")
final class BenchCommand implements Callable<Integer> {

    static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final Set<String> GROUPS = Service.WORKER_GROUPS;
    /** Generous room for Maven itself around the simulation's own duration. */
    static final Duration MAVEN_ROOM = Duration.ofMinutes(10);
    static final String HALF_CAPACITY_SIMULATION = "bakery.load.simulation.HalfCapacitySimulation";

    @Option(names = "--skip-scaling", description = "leave out the baking scaling run (1, 2, 4, 12 workers)")
    boolean skipScaling;

    @Option(names = "--short", description = "every step, each as small as still works (bench.short.*): a check that the run works, in about two minutes; its figures are not measurements")
    boolean shortRun;

    @Override
    public Integer call() {
        StackSettings settings = StackSettings.fromEnvironment();
        LocalStack stack = BakeryCommand.stack(shortRun ? settings.shortRun("bench") : settings);
        StackSettings s = stack.settings();
        StackState state = stack.requireRunning();
        Duration up = Duration.between(state.startedAt(), Instant.now());
        BenchSummary.Conditions conditions = new BenchSummary.Conditions(up.toSeconds(),
                Objects.requireNonNullElse(System.getenv("OVEN_SPEED_FACTOR"), "unset (1.0, real bake times)"),
                serviceNodes(stack).stream().map(Instance::id).toList(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), shortRun);
        if (shortRun) {
            stack.progress().step("a short run: every step at its smallest, to check that bench works; its figures are not"
                    + " measurements");
        } else if (up.compareTo(s.duration("bench.warm-stack")) < 0) {
            // Six JVMs still compiling their hot paths share the cores with the load: a run on a stack
            // two minutes old read a third of the checkouts/s of the same stack six minutes later, warmed by that run.
            stack.progress().step("the stack has been up for " + up.toSeconds()
                    + " s: its nodes are still compiling their hot paths, so this run"
                    + " reads low; for figures to compare, bench a stack up for " + s.duration("bench.warm-stack").toMinutes()
                    + " minutes or more");
        }
        Instant started = Instant.now();
        Path out = stack.layout().home().resolve("bench").resolve(FOLDER.format(started));
        String balancer = "http://localhost:" + s.port("balancer");
        // Earlier orders still in the ovens would share the CPU with every measurement and keep the
        // baking group from settling for the scaling run: measure an idle stack.
        IdleStack.await(stack, "bench.idle-timeout", "bench measures an idle stack");

        // What the stack burns doing nothing: every CPU figure below is measured beyond it.
        StackCpu.Reading idleFrom = StackCpu.read(processes(stack));
        Pids.pause(s.duration("bench.cpu.idle-window"));
        CpuCost.Window idle = StackCpu.between(idleFrom, StackCpu.read(processes(stack)));
        stack.progress().step(String.format("idle, the stack burns %.3f cores %s", idle.coresTotal(), idle.cpuMillis()));

        stack.progress().step("limits of this machine, through the same balancer and servers; results in " + out);
        // A node's JIT needs a few seconds of the same requests; a cold measurement reads low.
        List<String> warmUp = new ArrayList<>(List.of("wrk"));
        warmUp.addAll(s.words("bench.wrk-warm-up-options"));
        warmUp.add(balancer + s.text("bench.trivial-get-path"));
        Tool.run(warmUp, out.resolve("wrk-warm-up.txt"), MAVEN_ROOM);
        List<String> wrk = new ArrayList<>(List.of("wrk"));
        wrk.addAll(s.words("bench.wrk-options"));
        wrk.add(balancer + s.text("bench.trivial-get-path"));
        StackCpu.Reading getsFrom = StackCpu.read(processes(stack));
        String wrkOut = Tool.run(wrk, out.resolve("wrk.txt"), MAVEN_ROOM);
        CpuCost.Window gets = StackCpu.between(getsFrom, StackCpu.read(processes(stack)));
        double trivialGet = Ceilings.wrkRequestsPerSecond(wrkOut).orElse(0);
        long trivialGets = Math.round(Ceilings.wrkRequests(wrkOut).orElse(0));
        stack.progress().step(String.format("trivial GET: %.0f req/s (%s)", trivialGet, String.join(" ", wrk)));

        BrokerCeiling broker = BrokerCeiling.measure(stack, s.number("bench.producer-records"),
                out.resolve("producer-performance.txt"), MAVEN_ROOM);
        double kafka = broker.recordsPerSecond();
        stack.progress().step(String.format("Kafka ProducerPerformance, acks=all, %d B records: %.0f records/s",
                broker.recordBytes(), kafka));

        List<String> redis = new ArrayList<>(
                List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(stack.redis().port())));
        redis.addAll(s.words("bench.redis-options"));
        String redisOut = Tool.run(redis, out.resolve("redis-benchmark.txt"), MAVEN_ROOM);
        double redisSet = Ceilings.redisPerSecond(redisOut, "SET").orElse(0);
        double redisGet = Ceilings.redisPerSecond(redisOut, "GET").orElse(0);
        stack.progress().step(String.format("redis-benchmark: SET %.0f/s, GET %.0f/s", redisSet, redisGet));

        stack.progress().step("node start to ready: one more node of each service, started alone, then drained again");
        List<BenchSummary.NodeStart> starts = new ScaleOutStarts(stack).run();
        starts.forEach(n -> stack.progress().step(String.format("%s: launch to ready %.2f s", n.node(), n.seconds())));

        // Before the customers: it needs an idle baking group, and their orders keep the ovens busy for minutes.
        List<BakingScaling.Step> scaling = skipScaling ? List.of() : BakingScaling.of(new BakingScalingRun(stack).run());

        // After the scaling run, which needs idle ovens: at real oven speed these orders bake for a long time.
        OrderRun orders = orderRun(stack, balancer);
        CpuCost cpu = CpuCost.of(idle, gets, trivialGets, orders.window(), orders.drained() ? orders.orders() : 0);
        if (orders.drained()) {
            stack.progress().step(String.format("CPU per order: %.2f ms = %.1f trivial GETs (%.3f ms each) %s",
                    cpu.orderMs(), cpu.orderInTrivialGets(), cpu.trivialGetMs(), cpu.orderMsByProcess()));
        }

        Instant loadStart = Instant.now();
        StackSampler sampler = new StackSampler(() -> serviceNodes(stack), stack.kafka().bootstrapServers(), GROUPS,
                s.duration("bench.sample-interval"), s.duration("probe-timeout"));
        Instant loadEnd;
        Path report;
        try {
            report = runMix(stack, balancer, out);
            loadEnd = Instant.now();
            awaitDrained(stack, sampler);
        } finally {
            sampler.close();
        }
        List<BenchSummary.GroupLag> lag = StackSampler.drain(sampler.lag(), loadEnd);
        List<BenchSummary.NodeMemory> memory = sampler.maxRssKb().entrySet().stream()
                .map(e -> new BenchSummary.NodeMemory(e.getKey(), sampler.serviceOf(e.getKey()), e.getValue() / 1024)).toList();

        GatlingStats stats = GatlingStats.read(GatlingStats.statsFile(report));
        double checkoutPerSecond = stats.request(RequestNames.CAPACITY_CHECKOUT)
                .map(r -> r.ok() * 1000.0 / s.duration("bench.capacity.duration").toMillis()).orElse(0.0);

        TopicReader topics = new TopicReader(stack.kafka().bootstrapServers(), s.duration("chaos.request-timeout"));
        OrderTimes times = orderTimes(topics, loadStart);
        // Only once the mix's flow times are read: its orders must not count among the mix's.
        HalfCapacity half = halfCapacity(stack, balancer, out, checkoutPerSecond, topics);

        double ratio = trivialGet > 0 ? checkoutPerSecond / trivialGet : 0;
        Double efficiency = BakingScaling.atMostInstances(scaling);
        BenchSummary summary = new BenchSummary(started, balancer, checkoutPerSecond, trivialGet, ratio,
                cpu.measured() ? cpu.orderInTrivialGets() : null, conditions,
                new BenchSummary.Baselines(trivialGet, String.join(" ", wrk), kafka, broker.recordBytes(), broker.command(),
                        redisSet, redisGet, String.join(" ", redis)),
                cpu,
                stats.all(), List.copyOf(stats.requests().values()), times, half, lag, memory, starts, scaling, efficiency,
                Targets.check(ratio, lag, efficiency, memory, starts, cpu, half), report.toString());
        SummaryFiles.write(summary, out);

        System.out.printf(
                "%ncheckout %.0f/s = %.3f x trivial GET (%.0f/s), %.4f x Kafka producer (%.0f records/s), %.4f x Redis SET (%.0f/s)%n",
                checkoutPerSecond, ratio, trivialGet, summary.ratio(kafka), kafka, summary.ratio(redisSet), redisSet);
        summary.targets().forEach(t -> System.out.printf("  %-4s %s: %s (goal %s)%n", t.met() ? "met" : "MISS", t.what(),
                t.measured(), t.goal()));
        System.out.println("Gatling report  " + report.resolve("index.html"));
        System.out.println("Summary         " + out.resolve(SummaryFiles.MARKDOWN) + "  " + out.resolve(SummaryFiles.JSON));
        return 0;
    }

    /** The CPU the stack used for a fixed load of orders, how many it accepted, and whether every group got back to lag 0. */
    private record OrderRun(CpuCost.Window window, long orders, boolean drained) {
    }

    /**
     * Customers placing orders for a while, measured from the first order until every group is back at lag 0; the same
     * load for {@code bench.cpu.warm-up} before it, not counted.
     */
    private static OrderRun orderRun(LocalStack stack, String balancer) {
        StackSettings s = stack.settings();
        stack.progress().step("CPU per order: " + s.number("bench.cpu.shoppers") + " customers placing orders for "
                + s.text("bench.cpu.warm-up") + " not counted, then for " + s.text("bench.cpu.duration")
                + " counted until every group is back at lag 0");
        // On a stack that has served no orders since it started, every node still runs the order's code
        // unoptimised: measured so, an order cost 131 ms of CPU, and 59 ms on the same stack minutes later.
        place(stack, balancer, s.duration("bench.cpu.warm-up"));
        if (!drained(stack)) {
            return new OrderRun(new CpuCost.Window(0, Map.of()), 0, false);
        }
        StackCpu.Reading from = StackCpu.read(processes(stack));
        SteadyLoad load = place(stack, balancer, s.duration("bench.cpu.duration"));
        boolean drained = drained(stack);
        return new OrderRun(StackCpu.between(from, StackCpu.read(processes(stack))), load.accepted().size(), drained);
    }

    /** Waits until the orders placed are consumed; false, and the figure left out, when the ovens bake for real. */
    private static boolean drained(LocalStack stack) {
        try {
            IdleStack.await(stack, "bench.cpu.drain-timeout", "an order's CPU counts until its last record is consumed");
            return true;
        } catch (StackException stillBaking) {
            // Real oven times: the window would be hours of waiting ovens. The run goes on without the figure.
            stack.progress().step("CPU per order not measured: " + stillBaking.getMessage()
                    + " (bench with OVEN_SPEED_FACTOR=0.01, as docs/benchmarks.md says)");
            return false;
        }
    }

    /** {@code bench.cpu.shoppers} customers placing orders through the balancer for {@code duration}. */
    private static SteadyLoad place(LocalStack stack, String balancer, Duration duration) {
        StackSettings s = stack.settings();
        SteadyLoad load = new SteadyLoad(new SteadyLoad.Settings(balancer, s.text("session-cookie"),
                s.number("bench.cpu.shoppers"), 0, s.duration("bench.cpu.pace"), s.duration("bench.cpu.order-interval"),
                s.duration("capacity.request-timeout"), s.duration("capacity.checkout-retry"), 1));
        try {
            load.start();
            Pids.pause(duration);
        } finally {
            load.stop();
        }
        return load;
    }

    /** Every process of the stack: servers, balancer and nodes. */
    private static List<Instance> processes(LocalStack stack) {
        return stack.stateFile().load().map(StackState::instances).orElse(List.of());
    }

    /** The customer mix, then checkout capacity; returns Gatling's report folder. */
    private static Path runMix(LocalStack stack, String balancer, Path out) {
        StackSettings s = stack.settings();
        Duration expected = s.duration("bench.mix.duration").multipliedBy(2).plus(s.duration("bench.capacity.duration"));
        stack.progress()
                .step("Gatling: the customer mix ramping to " + s.text("bench.mix.peak-users-per-second") + " arrivals/s, then "
                        + s.text("bench.capacity.concurrency") + " customers checking out at once (about "
                        + expected.toSeconds() + " s plus Maven)");
        Path report = runGatling(stack, balancer, out.resolve("gatling"), out.resolve("gatling-run.log"), expected,
                List.of("-Dbench.mix.seconds=" + s.duration("bench.mix.duration").toSeconds(),
                        "-Dbench.mix.peakUsersPerSecond=" + s.text("bench.mix.peak-users-per-second"),
                        "-Dbench.capacity.seconds=" + s.duration("bench.capacity.duration").toSeconds(),
                        "-Dbench.capacity.concurrency=" + s.text("bench.capacity.concurrency")));
        stack.progress().step("load stopped");
        return report;
    }

    /**
     * Customers arriving at half the checkout capacity just measured (open model), on a stack back at lag 0, and how soon
     * their orders were accepted; null, with the reason printed, when there is no capacity figure or the stack does not get
     * back to idle in time.
     */
    private static HalfCapacity halfCapacity(LocalStack stack, String balancer, Path out, double capacity,
            TopicReader topics) {
        StackSettings s = stack.settings();
        double rate = HalfCapacity.rateFor(capacity);
        if (rate <= 0) {
            stack.progress().step("checkout at half capacity not measured: the capacity phase measured no checkout rate");
            return null;
        }
        try {
            // The capacity phase leaves the ovens minutes of work: half the load on top of that backlog is not half the load.
            IdleStack.await(stack, "bench.half-capacity.idle-timeout",
                    "checkout at half capacity is measured on an idle stack");
        } catch (StackException stillBaking) {
            stack.progress().step("checkout at half capacity not measured: " + stillBaking.getMessage());
            return null;
        }
        Duration duration = s.duration("bench.half-capacity.duration");
        stack.progress().step(String.format(Locale.ROOT,
                "Gatling: customers arriving at %.1f/s, half the %.0f checkouts/s measured, for %d s, each adding one item"
                        + " and checking out",
                rate, capacity, duration.toSeconds()));
        Instant from = Instant.now();
        Path report = runGatling(stack, balancer, out.resolve("gatling-half-capacity"),
                out.resolve("gatling-half-capacity-run.log"), duration,
                List.of("-Dbench.simulation=" + HALF_CAPACITY_SIMULATION,
                        "-Dbench.halfCapacity.usersPerSecond=" + String.format(Locale.ROOT, "%.3f", rate),
                        "-Dbench.halfCapacity.seconds=" + duration.toSeconds()));
        OrderTimes times = orderTimes(topics, from);
        // Maven ends seconds after the last checkout; an order the order-service is still working on is waited for, not
        // counted as never accepted.
        Instant deadline = Instant.now().plus(s.duration("bench.drain-timeout"));
        while (times.notAccepted() > 0 && Instant.now().isBefore(deadline)) {
            Pids.pause(s.duration("bench.sample-interval"));
            times = orderTimes(topics, from);
        }
        HalfCapacity half = HalfCapacity.of(capacity, duration.toSeconds(), times,
                GatlingStats.read(GatlingStats.statsFile(report)).request(RequestNames.HALF_CAPACITY_CHECKOUT).orElse(null),
                report.toString());
        stack.progress().step(String.format(Locale.ROOT,
                "half capacity: %.1f checkouts/s OK of %.1f/s asked, placed → accepted p99 %d ms over %d orders (%d not accepted)",
                half.achievedPerSecond(), half.askedPerSecond(), half.placedToAccepted().p99(), half.orders(),
                half.notAccepted()));
        return half;
    }

    /** The flow times of the orders placed since {@code from}, as the topics hold them now. */
    private static OrderTimes orderTimes(TopicReader topics, Instant from) {
        return OrderTimes.of(
                topics.since(Topics.ORDERS_PLACED, from, new OrderPlacedDeserializer()).stream().map(ConsumerRecord::value)
                        .toList(),
                topics.since(Topics.ORDERS_STATUS, from, new OrderStatusChangedDeserializer()).stream()
                        .map(ConsumerRecord::value).toList());
    }

    /**
     * One simulation of load-test's bench profile against the balancer ({@code properties} pick it and set its load);
     * returns the report folder it wrote under {@code results}.
     */
    private static Path runGatling(LocalStack stack, String balancer, Path results, Path log, Duration expected,
            List<String> properties) {
        List<String> mvn = new ArrayList<>(List.of(stack.layout().root().resolve("mvnw").toString(), "-B", "-q", "-f",
                stack.layout().root().resolve("pom.xml").toString(),
                // -am: the modules load-test needs come from this working tree, never from an installed copy
                "-Pbench", "-pl", "load-test", "-am", "-DskipTests", "verify",
                "-Dbench.baseUrl=" + balancer, "-Dbench.results=" + results));
        mvn.addAll(properties);
        Tool.run(mvn, log, expected.plus(MAVEN_ROOM));
        return GatlingStats.newestReport(results)
                .orElseThrow(() -> new StackException("Gatling wrote no report under " + results + "; see " + log));
    }

    /** After the load: until every group is back at 0, or the drain timeout. */
    private static void awaitDrained(LocalStack stack, StackSampler sampler) {
        Instant deadline = Instant.now().plus(stack.settings().duration("bench.drain-timeout"));
        while (Instant.now().isBefore(deadline)) {
            if (sampler.latestAllDrained()) {
                stack.progress().step("every consumer group is back at lag 0");
                return;
            }
            Pids.pause(stack.settings().duration("bench.sample-interval"));
        }
        stack.progress().step("not every group drained within " + stack.settings().text("bench.drain-timeout")
                + " (baking takes real oven time)");
    }

    private static List<Instance> serviceNodes(LocalStack stack) {
        return processes(stack).stream().filter(i -> Arrays.stream(Service.values()).anyMatch(i::isService)).toList();
    }
}
