package bakery.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.testkit.Await;
import bakery.testkit.ScrapedMetrics;

/** What ops read on /q/metrics moves as orders go through: accepted, rejected by reason, ready, and how long it took. */
@QuarkusTest
@OrderServiceTest
class BusinessCountersIT {

    /** Prometheus scrapes the management port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void acceptedRejectedAndReadyOrdersAreCounted() {
        ScrapedMetrics before = scrape();
        try (Bakery bakery = new Bakery()) {
            OrderPlaced good = bakery.order(bakery.line("croissant", 1));
            OrderPlaced unknown = bakery.order(new OrderLine("cronut", "Cronut", 1, 300));
            bakery.place(good);
            bakery.place(unknown);
            bakery.awaitStatus(good.orderId(), OrderStatus.ACCEPTED);
            bakery.awaitStatus(unknown.orderId(), OrderStatus.REJECTED);
            bakery.ovenStarts(good.orderId());
            bakery.ovenFinishes(good.orderId());
            bakery.awaitStatus(good.orderId(), OrderStatus.READY);
        }

        Await.untilAsserted("the counters moved", () -> {
            ScrapedMetrics after = scrape();
            assertThat(increase(before, after, "bakery_orders_total", "stage", "accepted")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "bakery_orders_total", "stage", "rejected")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "bakery_orders_rejected_total", "reason", "unknown-product"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "bakery_orders_total", "stage", "ready")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "bakery_order_placed_to_ready_seconds_count")).isGreaterThanOrEqualTo(1);
        });
        ScrapedMetrics now = scrape();
        assertThat(now.samples())
                .anyMatch(s -> s.name().equals("bakery_orders_total") && "order-service".equals(s.labels().get("service")));
        assertThat(now.has("kafka_consumer_fetch_manager_records_lag_max")).as("consumer lag in %s",
                now.samples().stream().map(ScrapedMetrics.Sample::name).filter(n -> n.startsWith("kafka")).distinct().toList())
                .isTrue();
        assertThat(now.has("bakery_order_placed_to_ready_seconds_bucket")).as("p99 needs buckets").isTrue();
    }

    private static double increase(ScrapedMetrics before, ScrapedMetrics after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private ScrapedMetrics scrape() {
        return ScrapedMetrics.of(management.toString());
    }
}
