package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.ScrapedMetrics;
import bakery.testkit.Traceparent;

/** Sending the e-mail is the last step of the order's trace, and /q/metrics counts the customer as notified. */
@QuarkusTest
class EmailEndsTheOrdersTraceIT extends NotifyIT {

    /** Prometheus scrapes the management port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theEmailIsSentInTheTraceOfItsStatusRecordAndCounted() {
        double notifiedBefore = notified();
        OrderStatusChanged ready = change(OrderStatus.READY);
        String parent = Traceparent.fresh();
        String trace = Traceparent.traceId(parent);

        probe.send(Topics.ORDERS_STATUS, ready, Map.of(Traceparent.HEADER, parent));
        awaitMailAbout(ready.orderId());

        Await.untilAsserted("the e-mail span ends trace " + trace, () -> {
            SpanData mail = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("send READY e-mail") && s.getTraceId().equals(trace))
                    .findFirst().orElseThrow(() -> new AssertionError("no e-mail span in trace " + trace));
            assertThat(mail.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(mail.getAttributes().asMap().values()).contains(ready.orderId().toString());
            SpanData received = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(trace))
                    .findFirst().orElseThrow(() -> new AssertionError("no consumer span in trace " + trace));
            assertThat(mail.getParentSpanId()).isEqualTo(received.getSpanId());
        });
        Await.untilAsserted("the notification is counted", () -> assertThat(notified()).isGreaterThan(notifiedBefore));
    }

    private double notified() {
        return ScrapedMetrics.of(management.toString()).sum("bakery_orders_total", "stage", "notified");
    }
}
