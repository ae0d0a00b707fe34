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

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks the running bakery through its balancer (Gatling mix and checkout capacity) against the limits of the same machine (trivial GET with wrk, Kafka ProducerPerformance, redis-benchmark), then baking throughput at 1, 2, 4 workers; writes Gatling's report and summary.md/summary.json under .bakery/bench/.")
final class BenchCommand implements Callable<Integer> {

    static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final Set<String> GROUPS = Service.WORKER_GROUPS;
    /** Generous room for Maven itself around the simulation's own duration. */
    static final Duration MAVEN_ROOM = Duration.ofMinutes(10);

    @Option(names = "--skip-scaling", description = "leave out the baking scaling run (1, 2, 4 workers)")
    boolean skipScaling;

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        StackSettings s = stack.settings();
        StackState state = stack.requireRunning();
        Duration up = Duration.between(state.startedAt(), Instant.now());
        BenchSummary.Conditions conditions = new BenchSummary.Conditions(up.toSeconds(),
                Objects.requireNonNullElse(System.getenv("OVEN_SPEED_FACTOR"), "unset (1.0, real bake times)"),
                serviceNodes(stack).stream().map(Instance::id).toList(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (up.compareTo(s.duration("bench.warm-stack")) < 0) {
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
        try {
            runGatling(stack, balancer, out);
            loadEnd = Instant.now();
            awaitDrained(stack, sampler);
        } finally {
            sampler.close();
        }
        List<BenchSummary.GroupLag> lag = StackSampler.drain(sampler.lag(), loadEnd);
        List<BenchSummary.NodeMemory> memory = sampler.maxRssKb().entrySet().stream()
                .map(e -> new BenchSummary.NodeMemory(e.getKey(), sampler.serviceOf(e.getKey()), e.getValue() / 1024)).toList();

        Path report = GatlingStats.newestReport(out.resolve("gatling"))
                .orElseThrow(() -> new StackException(
                        "Gatling wrote no report under " + out.resolve("gatling") + "; see " + out.resolve("gatling-run.log")));
        GatlingStats stats = GatlingStats.read(GatlingStats.statsFile(report));
        double checkoutPerSecond = stats.request(RequestNames.CAPACITY_CHECKOUT)
                .map(r -> r.ok() * 1000.0 / s.duration("bench.capacity.duration").toMillis()).orElse(0.0);

        TopicReader topics = new TopicReader(stack.kafka().bootstrapServers(), s.duration("chaos.request-timeout"));
        OrderTimes times = OrderTimes.of(
                topics.since(Topics.ORDERS_PLACED, loadStart, new OrderPlacedDeserializer()).stream().map(ConsumerRecord::value)
                        .toList(),
                topics.since(Topics.ORDERS_STATUS, loadStart, new OrderStatusChangedDeserializer()).stream()
                        .map(ConsumerRecord::value).toList());

        double ratio = trivialGet > 0 ? checkoutPerSecond / trivialGet : 0;
        Double efficiency = BakingScaling.atMostInstances(scaling);
        BenchSummary summary = new BenchSummary(started, balancer, checkoutPerSecond, trivialGet, ratio,
                cpu.measured() ? cpu.orderInTrivialGets() : null, conditions,
                new BenchSummary.Baselines(trivialGet, String.join(" ", wrk), kafka, broker.recordBytes(), broker.command(),
                        redisSet, redisGet, String.join(" ", redis)),
                cpu,
                stats.all(), List.copyOf(stats.requests().values()), times, lag, memory, starts, scaling, efficiency,
                Targets.check(ratio, lag, efficiency, memory, starts, cpu), report.toString());
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

    /** Customers placing orders for a while, measured from the first order until every group is back at lag 0. */
    private static OrderRun orderRun(LocalStack stack, String balancer) {
        StackSettings s = stack.settings();
        stack.progress().step("CPU per order: " + s.number("bench.cpu.shoppers") + " customers placing orders for "
                + s.text("bench.cpu.duration") + ", then until every group is back at lag 0");
        SteadyLoad load = new SteadyLoad(new SteadyLoad.Settings(balancer, s.text("session-cookie"),
                s.number("bench.cpu.shoppers"), 0, s.duration("bench.cpu.pace"), s.duration("bench.cpu.order-interval"),
                s.duration("capacity.request-timeout"), s.duration("capacity.checkout-retry"), 1));
        StackCpu.Reading from = StackCpu.read(processes(stack));
        try {
            load.start();
            Pids.pause(s.duration("bench.cpu.duration"));
        } finally {
            load.stop();
        }
        boolean drained = true;
        try {
            IdleStack.await(stack, "bench.cpu.drain-timeout", "an order's CPU counts until its last record is consumed");
        } catch (StackException stillBaking) {
            // Real oven times: the window would be hours of waiting ovens. The run goes on without the figure.
            drained = false;
            stack.progress().step("CPU per order not measured: " + stillBaking.getMessage()
                    + " (bench with OVEN_SPEED_FACTOR=0.01, as docs/benchmarks.md says)");
        }
        return new OrderRun(StackCpu.between(from, StackCpu.read(processes(stack))), load.accepted().size(), drained);
    }

    /** Every process of the stack: servers, balancer and nodes. */
    private static List<Instance> processes(LocalStack stack) {
        return stack.stateFile().load().map(StackState::instances).orElse(List.of());
    }

    private void runGatling(LocalStack stack, String balancer, Path out) {
        StackSettings s = stack.settings();
        List<String> mvn = List.of(stack.layout().root().resolve("mvnw").toString(), "-B", "-q", "-f",
                stack.layout().root().resolve("pom.xml").toString(),
                // -am: the modules load-test needs come from this working tree, never from an installed copy
                "-Pbench", "-pl", "load-test", "-am", "-DskipTests", "verify",
                "-Dbench.baseUrl=" + balancer, "-Dbench.results=" + out.resolve("gatling"),
                "-Dbench.mix.seconds=" + s.duration("bench.mix.duration").toSeconds(),
                "-Dbench.mix.peakUsersPerSecond=" + s.text("bench.mix.peak-users-per-second"),
                "-Dbench.capacity.seconds=" + s.duration("bench.capacity.duration").toSeconds(),
                "-Dbench.capacity.concurrency=" + s.text("bench.capacity.concurrency"));
        Duration expected = s.duration("bench.mix.duration").multipliedBy(2).plus(s.duration("bench.capacity.duration"));
        stack.progress()
                .step("Gatling: the customer mix ramping to " + s.text("bench.mix.peak-users-per-second") + " arrivals/s, then "
                        + s.text("bench.capacity.concurrency") + " customers checking out at once (about "
                        + expected.toSeconds() + " s plus Maven)");
        Tool.run(mvn, out.resolve("gatling-run.log"), expected.plus(MAVEN_ROOM));
        stack.progress().step("load stopped");
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
