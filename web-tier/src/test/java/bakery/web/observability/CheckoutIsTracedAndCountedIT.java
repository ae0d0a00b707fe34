package bakery.web.observability;

import static bakery.web.SampleOrders.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.inject.Inject;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ReadinessProbe;
import bakery.testkit.RedisServer;
import bakery.testkit.ScrapedMetrics;
import bakery.testkit.Traceparent;
import bakery.web.Shopper;
import bakery.web.SseStream;
import bakery.web.WebTierTest;

/**
 * The web tier starts an order's trace and its counts: the checkout request's trace travels in the
 * {@code orders.placed} record, and the management port's /q/metrics shows orders placed, active sessions and open live
 * streams.
 */
@QuarkusTest
@WebTierTest
class CheckoutIsTracedAndCountedIT {

    @TestHTTPResource("/")
    URL node;

    /** Probes and Prometheus ask the management port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theOrderPlacedRecordContinuesTheCheckoutRequestsTrace() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 2);
        String browser = Traceparent.fresh();
        String trace = Traceparent.traceId(browser);

        HttpResponse<String> placed = shopper.postJson("/api/checkout",
                "{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"pickupAt\":\"" + PICKUP + "\"}",
                "Idempotency-Key", "traced-" + UUID.randomUUID(), Traceparent.HEADER, browser);

        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = Shopper.json(placed).get("orderId").asText();
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("orders.placed carries trace " + trace,
                    () -> assertThat(kafka.readAll(Topics.ORDERS_PLACED).stream()
                            .filter(r -> orderId.equals(r.key()))
                            .map(r -> Traceparent.traceId(KafkaProbe.header(r, Traceparent.HEADER))))
                            .containsExactly(trace));
        }
        Await.untilAsserted("the node recorded the request and the send in trace " + trace,
                () -> assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getTraceId().equals(trace))
                        .extracting(SpanData::getKind).contains(SpanKind.SERVER, SpanKind.PRODUCER));
    }

    @Test
    void placedOrdersSessionsAndLiveStreamsAreOnTheMetricsPage() {
        double placedBefore = metrics().sum("bakery_orders_total", "stage", "placed");
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("pretzel", 1);
        HttpResponse<String> placed = shopper.checkout("counted-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String orderId = Shopper.json(placed).get("orderId").asText();

        Await.untilAsserted("the order is counted and its session is active", () -> {
            ScrapedMetrics now = metrics();
            assertThat(now.sum("bakery_orders_total", "stage", "placed")).isGreaterThan(placedBefore);
            assertThat(now.sum("bakery_web_sessions_active")).isGreaterThanOrEqualTo(1);
        });
        double streamsBefore = metrics().sum("bakery_web_sse_clients");
        try (SseStream page = shopper.stream("/api/orders/" + orderId + "/events", null)) {
            Await.untilAsserted("the stream is open", () -> assertThat(page.events()).isNotEmpty());
            assertThat(metrics().sum("bakery_web_sse_clients")).isEqualTo(streamsBefore + 1);
        }
        Await.untilAsserted("the closed stream is no longer counted",
                () -> assertThat(metrics().sum("bakery_web_sse_clients")).isEqualTo(streamsBefore));
    }

    @Test
    void notReadyWhileRedisIsDownAndReadyAgainAfter() {
        ReadinessProbe.of(management.toString()).throughOutageOf(RedisServer.shared(), ReadinessProbe.REDIS_CHECK);
    }

    private ScrapedMetrics metrics() {
        return ScrapedMetrics.of(management.toString());
    }
}
