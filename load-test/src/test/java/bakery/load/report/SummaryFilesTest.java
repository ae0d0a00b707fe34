package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.load.flow.OrderTimes;

class SummaryFilesTest {

    static BenchSummary sample() throws Exception {
        return sample(HalfCapacityTest.measured(List.of(8L, 12L, 31L), 0));
    }

    static BenchSummary sample(HalfCapacity half) throws Exception {
        GatlingStats stats = GatlingStatsTest.sample();
        var lag = List.of(new BenchSummary.GroupLag("order-service / orders.placed", 800, 1.2),
                new BenchSummary.GroupLag("baking-worker", 3000, null));
        var nodes = List.of(new BenchSummary.NodeMemory("web-1", "web-tier", 170));
        var starts = List.of(new BenchSummary.NodeStart("web-3", 1.3, 0.9));
        var scaling = BakingScaling.of(List.of(new BakingScaling.Run(1, 32, 16), new BakingScaling.Run(2, 32, 8.2),
                new BakingScaling.Run(4, 32, 4.3)));
        double checkout = 400;
        double get = 1600;
        CpuCost cpu = CpuCostTest.cost(110, 0.19);
        return new BenchSummary(Instant.parse("2026-11-21T08:00:00Z"), "http://localhost:8080", checkout, get, checkout / get,
                cpu.orderInTrivialGets(),
                new BenchSummary.Conditions(1260, "0.01", List.of("web-1", "web-2", "order-service-1"), 2, 0.42, false),
                new BenchSummary.Baselines(get, "wrk -t2 -c64 -d10s http://localhost:8080/bakery.css", 40000, 420,
                        "ProducerPerformance",
                        120000, 125000, "redis-benchmark -q"),
                cpu,
                stats.all(), List.copyOf(stats.requests().values()),
                new OrderTimes(10, Percentiles.of(List.of(20L, 30L)), Percentiles.of(List.of(9000L)), 0, 9), half,
                lag, nodes, starts, scaling, BakingScaling.atMostInstances(scaling),
                Targets.check(checkout / get, lag, BakingScaling.atMostInstances(scaling), nodes, starts, cpu, half),
                "target/gatling/run-1");
    }

    @Test
    void theJsonCarriesTheHeadlineFiguresByName(@TempDir Path out) throws Exception {
        SummaryFiles.write(sample(), out);

        JsonNode json = SummaryFiles.mapper().readTree(out.resolve(SummaryFiles.JSON).toFile());
        assertThat(json.get("checkoutPerSecond").asDouble()).isEqualTo(400.0);
        assertThat(json.get("trivialGetPerSecond").asDouble()).isEqualTo(1600.0);
        assertThat(json.get("checkoutRatio").asDouble()).isEqualTo(0.25);
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(json.get("cpuPerOrderInTrivialGets").asDouble()).isEqualTo(110.0);
        assertThat(json.at("/cpu/orderMsByProcess/web-tier").asDouble()).isEqualTo(55.0);
        assertThat(json.at("/cpu/idleCores").asDouble()).isEqualTo(0.19);
        assertThat(json.get("targets")).hasSize(8);
        assertThat(json.at("/halfCapacity/askedPerSecond").asDouble()).isEqualTo(250.0);
        assertThat(json.at("/halfCapacity/achievedPerSecond").asDouble()).isEqualTo(249.0);
        assertThat(json.at("/halfCapacity/placedToAccepted/p99").asLong()).isEqualTo(31);
        assertThat(json.at("/halfCapacity/checkout/p99").asLong()).isEqualTo(20);
    }

    @Test
    void aRunWithoutTheHalfCapacityPhaseSaysItWasNotMeasured(@TempDir Path out) throws Exception {
        SummaryFiles.write(sample(null), out);

        assertThat(SummaryFiles.mapper().readTree(out.resolve(SummaryFiles.JSON).toFile()).get("halfCapacity").isNull())
                .isTrue();
        assertThat(Files.readString(out.resolve(SummaryFiles.MARKDOWN)))
                .contains("## Checkout at half capacity (open model, ms)\n\nNot measured")
                .contains(
                        "| placed → accepted p99 at half the measured checkout capacity | <= 50 ms | not measured | **no** |");
    }

    @Test
    void theMarkdownShowsRatiosLatenciesAndWhichTargetsWereMissed(@TempDir Path out) throws Exception {
        SummaryFiles.write(sample(), out);

        String md = Files.readString(out.resolve(SummaryFiles.MARKDOWN));
        assertThat(md).contains("| checkout, sustained (capacity phase) | 400 | 1.000 |")
                .contains("| 1600 | 0.250 |")
                .contains("| checkout (capacity) | 362 | 0 | 457 | 1177 | 1410 | 1452 |")
                .contains("| baking-worker | 3000 | not drained |")
                .contains("| placed → ready | 1 | 9000 | 9000 | 9000 | 9000 | 9 |")
                .contains("Customers arriving at 250.0/s, half the 500 checkouts/s of the capacity phase, for 30 s")
                .contains("| placed → accepted (topics) | 3 | 12 | 31 | 31 | 31 | 0 |")
                .contains("| checkout request (Gatling) | 7470 | 6 | 12 | 20 | 41 | 3 |")
                .contains("| placed → accepted p99 at half the measured checkout capacity | <= 50 ms |"
                        + " 31 ms (3 orders, 249.00/s of 250.00/s asked) | yes |")
                .contains("| 4 | 32 | 4.3 |")
                .contains("| web-3 | 1.30 | 0.900 |")
                .contains(
                        "Stack up 1260 s when the run began, OVEN_SPEED_FACTOR 0.01, nodes web-1, web-2, order-service-1; 2 cores, load average 0.42.")
                .contains("| node start to ready | <= 2.00 s | 1.30 s (slowest of 1) | yes |")
                .contains("| web-tier | 55.00 | 0.000 |")
                .contains("an order costs 55.00 ms of CPU = 110.0 trivial GETs (0.50 ms each, 1000 measured)");
    }
}
