package bakery.stack.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import bakery.servers.metrics.MetricsPage;

class KeyFiguresTest {

    private static final MetricsPage BEFORE = MetricsPage.parse("""
            bakery_orders_total{node="web-1",stage="placed"} 10.0 # {trace_id="ab"} 1.0 1732237322.1
            bakery_orders_total{node="web-2",stage="placed"} 5.0
            http_server_requests_seconds_bucket{service="web-tier",le="0.01"} 90.0
            http_server_requests_seconds_bucket{service="web-tier",le="0.1"} 100.0
            http_server_requests_seconds_bucket{service="web-tier",le="+Inf"} 100.0
            """);
    private static final MetricsPage AFTER = MetricsPage.parse("""
            bakery_orders_total{node="web-1",stage="placed"} 30.0
            bakery_orders_total{node="web-2",stage="placed"} 25.0
            bakery_orders_total{node="os-1",stage="accepted"} 4.0
            http_server_requests_seconds_bucket{service="web-tier",le="0.01"} 180.0
            http_server_requests_seconds_bucket{service="web-tier",le="0.1"} 200.0
            http_server_requests_seconds_bucket{service="web-tier",le="+Inf"} 200.0
            """);

    @Test
    void ordersAreSummedOverNodesByStage() {
        Map<String, Double> delta = KeyFigures.delta(List.of(BEFORE), List.of(AFTER),
                s -> s.name().equals("bakery_orders_total"), "stage");

        assertThat(delta).containsEntry("placed", 40.0).containsEntry("accepted", 4.0);
    }

    @Test
    void whenTheLoadHasStoppedEveryRateIsZeroNotTheLastBusyWindow() {
        KeyFigures.Figures idle = KeyFigures.between(Map.of(8081, Optional.of(AFTER)), Map.of(8081, Optional.of(AFTER)),
                Duration.ofSeconds(2));

        assertThat(idle.ordersPerSecond()).containsEntry("placed", 0.0).containsEntry("accepted", 0.0);
        assertThat(idle.p99Seconds()).isEmpty();
    }

    @Test
    void aNodeThatGaveNoPageAtOneEndOfTheWindowIsLeftOutNotCountedWhole() {
        // web-2 on 8082 did not answer the first read: its counters are not 55 orders of this window
        MetricsPage web2 = MetricsPage.parse("bakery_orders_total{node=\"web-2\",stage=\"placed\"} 55.0\n");
        KeyFigures.Figures figures = KeyFigures.between(Map.of(8081, Optional.of(BEFORE), 8082, Optional.empty()),
                Map.of(8081, Optional.of(AFTER), 8082, Optional.of(web2)), Duration.ofSeconds(2));

        assertThat(figures.ordersPerSecond()).containsEntry("placed", 20.0);
        assertThat(figures.nodesUnread()).isEqualTo(1);
    }

    @Test
    void aCounterThatWentDownBelongsToARestartedNode() {
        Map<String, Double> delta = KeyFigures.delta(List.of(AFTER), List.of(BEFORE),
                s -> s.name().equals("bakery_orders_total"), "stage");

        assertThat(delta).containsEntry("placed", 15.0);
    }

    @Test
    void p99IsInterpolatedInsideItsBucketFromTheIncreaseOnly() {
        Map<Double, Double> buckets = KeyFigures
                .buckets(List.of(BEFORE), List.of(AFTER), "http_server_requests_seconds_bucket", "service")
                .get("web-tier");

        // 100 new requests: 90 under 10 ms, 10 between 10 and 100 ms; the 99th is 90 % into that bucket
        assertThat(KeyFigures.quantile(buckets).getAsDouble()).isCloseTo(0.091, within(1e-9));
    }

    @Test
    void noObservationsGiveNoQuantile() {
        assertThat(KeyFigures.quantile(Map.of(0.1, 0.0, Double.POSITIVE_INFINITY, 0.0))).isEmpty();
    }
}
