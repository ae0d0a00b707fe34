package bakery.baking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.ServiceProcess;

/**
 * What one bake costs the worker besides oven time (Redis claim and baked marker, two Kafka
 * sends, the commit), measured with the speed factor at 0 on packaged instances. Prints numbers;
 * asserts only that every order was baked. Run with
 * {@code ./mvnw -B verify -pl baking-worker -Dbenchmark=true -Dit.test=OvenThroughputBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OvenThroughputBenchmarkIT {

    private static final int ORDERS = Integer.getInteger("benchmark.orders", 2000);
    private static final int SLOTS = Integer.getInteger("benchmark.slots", 16);

    @Test
    void bakesPerSecondWithOneAndWithTwoInstances() {
        try (OvenProcesses servers = new OvenProcesses(); OvenWatch watch = new OvenWatch(servers.bootstrapServers())) {
            measure(servers, watch, 1);
            measure(servers, watch, 2);
        }
    }

    private void measure(OvenProcesses servers, OvenWatch watch, int instances) {
        List<ServiceProcess> ovens = IntStream.range(0, instances)
                .mapToObj(i -> servers.oven("bench-" + instances + "-" + i, SLOTS, 0.0))
                .toList();
        List<BakeRequest> requests = IntStream.range(0, ORDERS).mapToObj(i -> OvenWatch.order(30)).toList();
        try {
            OvenProcesses.startAll(ovens);
            // all instances in the group before the first request, so no rebalance is measured
            Await.within(Duration.ofSeconds(60), instances + " ovens share the partitions")
                    .until(() -> watch.groupMembersWithPartitions() == instances);
            watch.probe().sendAll(Topics.BAKE_REQUESTS, requests);
            Await.within(Duration.ofMinutes(5), ORDERS + " orders baked").until(watch::allRequestsCommitted);
        } finally {
            ovens.forEach(ServiceProcess::close);
        }
        List<UUID> orders = requests.stream().map(BakeRequest::orderId).toList();
        List<BakeEvent> events = watch.eventsOf(orders);
        assertThat(events.stream().filter(e -> e.stage() == BakeEvent.Stage.FINISHED).map(BakeEvent::orderId).distinct())
                .hasSize(ORDERS);
        Instant first = events.stream().map(BakeEvent::at).min(Instant::compareTo).orElseThrow();
        Instant last = events.stream().map(BakeEvent::at).max(Instant::compareTo).orElseThrow();
        long millis = Math.max(1, Duration.between(first, last).toMillis());
        System.out.printf(
                "BENCHMARK oven overhead: %d instance(s) x %d slots, speed factor 0: %d orders in %d ms = %.0f bakes/s%n",
                instances, SLOTS, ORDERS, millis, ORDERS * 1000.0 / millis);
    }
}
