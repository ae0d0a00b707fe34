package bakery.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Writes a run's summary as {@code summary.json} (for tools) and {@code summary.md} (for people). */
public final class SummaryFiles {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "summary.md";

    private SummaryFiles() {
    }

    public static void write(BenchSummary summary, Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(JSON), mapper().writeValueAsString(summary));
            Files.writeString(folder.resolve(MARKDOWN), markdown(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + folder, e);
        }
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static String markdown(BenchSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("# FADU Bakery benchmark, ").append(s.startedAt()).append("\n\n");
        md.append("Balancer ").append(s.balancer()).append(". Gatling report: ").append(s.gatlingReport()).append("\n\n");
        BenchSummary.Conditions c = s.conditions();
        md.append(String.format(Locale.ROOT,
                "Stack up %d s when the run began, OVEN_SPEED_FACTOR %s, nodes %s; %d cores, load average %.2f.%n%n",
                c.stackUpSeconds(), c.ovenSpeedFactor(), String.join(", ", c.nodes()), c.cores(), c.loadAverage()));
        if (c.shortRun()) {
            md.append("A short run (`--short`): every step at its smallest, to check that bench works. Its figures are not"
                    + " measurements.\n\n");
        }
        md.append("## Checkout against the limits\n\n| figure | per second | checkout ratio |\n| --- | ---: | ---: |\n");
        row(md, "checkout, sustained (capacity phase)", s.checkoutPerSecond(), 1);
        BenchSummary.Baselines b = s.baselines();
        row(md, "trivial GET through the same balancer (`" + b.trivialGetCommand() + "`)", b.trivialGetPerSecond(),
                s.ratio(b.trivialGetPerSecond()));
        row(md, "Kafka ProducerPerformance, acks=all, " + b.kafkaRecordBytes() + " B records (`" + b.kafkaCommand() + "`)",
                b.kafkaRecordsPerSecond(), s.ratio(b.kafkaRecordsPerSecond()));
        row(md, "redis-benchmark SET (`" + b.redisCommand() + "`)", b.redisSetPerSecond(), s.ratio(b.redisSetPerSecond()));
        row(md, "redis-benchmark GET", b.redisGetPerSecond(), s.ratio(b.redisGetPerSecond()));
        md.append(
                "\n## Latency (ms)\n\n| request | OK | KO | p50 | p95 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        if (s.allRequests() != null) {
            latency(md, "**all requests**", s.allRequests());
        }
        s.requests().forEach(r -> latency(md, r.name(), r));
        var t = s.orderTimes();
        md.append(
                "\n## Order flow (ms, from the topics)\n\n| step | orders | p50 | p95 | p99 | max | not reached |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        flow(md, "placed → accepted", t.placedToAccepted(), t.notAccepted());
        flow(md, "placed → ready", t.placedToReady(), t.notReady());
        halfCapacity(md, s.halfCapacity());
        md.append("\n## Consumer lag\n\n| group | max lag | seconds to drain after the load |\n| --- | ---: | ---: |\n");
        s.consumerLag().forEach(l -> md.append("| ").append(l.group()).append(" | ").append(l.maxLag()).append(" | ")
                .append(l.secondsToDrain() == null ? "not drained" : String.format(Locale.ROOT, "%.1f", l.secondsToDrain()))
                .append(" |\n"));
        CpuCost cpu = s.cpu();
        if (cpu != null) {
            md.append(String.format(Locale.ROOT,
                    "%n## CPU per order (every process of the stack, idle burn taken out)%n%n"
                            + "%d orders: an order costs %.2f ms of CPU = %.1f trivial GETs (%.2f ms each, %d measured); "
                            + "idle, the stack burns %.3f cores.%n%n| process | ms per order | idle cores |%n| --- | ---: | ---: |%n",
                    cpu.orders(), cpu.orderMs(), cpu.orderInTrivialGets(), cpu.trivialGetMs(), cpu.trivialGets(),
                    cpu.idleCores()));
            cpu.orderMsByProcess().forEach((process, ms) -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f |%n",
                    process, ms, cpu.idleCoresByProcess().getOrDefault(process, 0.0))));
        }
        md.append("\n## Memory under load (max RSS)\n\n| node | service | MB |\n| --- | --- | ---: |\n");
        s.nodes().forEach(n -> md.append("| ").append(n.node()).append(" | ").append(n.service()).append(" | ")
                .append(n.maxRssMb()).append(" |\n"));
        md.append("\n## Node start to ready (one node of each service added to the running stack)\n\n"
                + "| node | launch to ready (s) | Quarkus \"started in\" (s) |\n| --- | ---: | ---: |\n");
        s.nodeStarts().forEach(n -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %s |%n", n.node(), n.seconds(),
                n.quarkusSeconds() == null ? "-" : String.format(Locale.ROOT, "%.3f", n.quarkusSeconds()))));
        md.append(
                "\n## Baking scaling (fixed bake time)\n\n| instances | orders | seconds | orders/s | efficiency |\n| ---: | ---: | ---: | ---: | ---: |\n");
        s.bakingScaling().forEach(r -> md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.2f |%n",
                r.instances(), r.orders(), r.seconds(), r.ordersPerSecond(), r.efficiency())));
        md.append("\n## Targets\n\n| target | goal | measured | met |\n| --- | --- | --- | --- |\n");
        s.targets()
                .forEach(x -> md.append("| ").append(x.what()).append(" | ").append(x.goal()).append(" | ").append(x.measured())
                        .append(" | ").append(x.met() ? "yes" : "**no**").append(" |\n"));
        return md.toString();
    }

    private static void halfCapacity(StringBuilder md, HalfCapacity h) {
        md.append("\n## Checkout at half capacity (open model, ms)\n\n");
        if (h == null) {
            md.append("Not measured (the run's output says why).\n");
            return;
        }
        md.append(String.format(Locale.ROOT,
                "Customers arriving at %.1f/s, half the %.0f checkouts/s of the capacity phase, for %d s, each adding one item"
                        + " and checking out: %.1f checkouts/s OK, %d orders placed. Gatling report: %s%n%n",
                h.askedPerSecond(), h.capacityPerSecond(), h.seconds(), h.achievedPerSecond(), h.orders(), h.gatlingReport()));
        md.append(
                "| step | count | p50 | p95 | p99 | max | not reached / KO |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        flow(md, "placed → accepted (topics)", h.placedToAccepted(), h.notAccepted());
        GatlingStats.RequestStats c = h.checkout();
        if (c != null) {
            md.append(String.format(Locale.ROOT, "| checkout request (Gatling) | %d | %d | %d | %d | %d | %d |%n",
                    c.ok(), c.p50(), c.p95(), c.p99(), c.max(), c.ko()));
        }
    }

    private static void flow(StringBuilder md, String step, Percentiles p, long notReached) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n",
                step, p.count(), p.p50(), p.p95(), p.p99(), p.max(), notReached));
    }

    private static void row(StringBuilder md, String what, double perSecond, double ratio) {
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f |%n", what, perSecond, ratio));
    }

    private static void latency(StringBuilder md, String name, GatlingStats.RequestStats r) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", name, r.ok(), r.ko(), r.p50(), r.p95(),
                r.p99(), r.max()));
    }
}
