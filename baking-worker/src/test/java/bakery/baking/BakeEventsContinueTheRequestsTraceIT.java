package bakery.baking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeRequest;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ScrapedMetrics;
import bakery.testkit.Traceparent;

/**
 * The oven is one hop of an order's trace: BakeStarted and BakeFinished continue the bake request's trace; /q/metrics counts
 * the bake.
 */
@QuarkusTest
class BakeEventsContinueTheRequestsTraceIT extends BakingIT {

    /** Prometheus scrapes the management port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void bothBakeEventsCarryTheTraceOfTheRequestAndTheBakeIsCounted() {
        ScrapedMetrics before = scrape();
        BakeRequest request = OvenWatch.order(30);
        String parent = Traceparent.fresh();
        String trace = Traceparent.traceId(parent);

        watch.probe().send(Topics.BAKE_REQUESTS, request, Map.of(Traceparent.HEADER, parent));
        watch.awaitFinished(List.of(request.orderId()));

        List<String> traces = watch.probe().readAll(Topics.BAKE_EVENTS).stream()
                .filter(r -> r.key().equals(request.orderId().toString()))
                .map(r -> Traceparent.traceId(KafkaProbe.header(r, Traceparent.HEADER)))
                .toList();
        assertThat(traces).hasSize(2).containsOnly(trace);
        Await.untilAsserted("the worker recorded receiving and sending in trace " + trace,
                () -> assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getTraceId().equals(trace))
                        .extracting(SpanData::getKind).contains(SpanKind.CONSUMER, SpanKind.PRODUCER));
        Await.untilAsserted("the bake is counted", () -> {
            ScrapedMetrics after = scrape();
            assertThat(after.sum("bakery_orders_total", "stage", "baked") - before.sum("bakery_orders_total", "stage", "baked"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.sum("bakery_bake_time_seconds_count") - before.sum("bakery_bake_time_seconds_count"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.sum("bakery_oven_slots")).isPositive();
        });
    }

    private ScrapedMetrics scrape() {
        return ScrapedMetrics.of(management.toString());
    }
}
