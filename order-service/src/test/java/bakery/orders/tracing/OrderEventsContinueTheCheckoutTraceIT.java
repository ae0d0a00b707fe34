package bakery.orders.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;
import bakery.orders.intake.OrderIntake;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import bakery.testkit.Traceparent;

/**
 * order-service is the middle of an order's trace: what it publishes about an order goes out as
 * the next step of the record that caused it, also when the event waited in the outbox.
 */
@QuarkusTest
@OrderServiceTest
class OrderEventsContinueTheCheckoutTraceIT extends BakeryScenario {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OrderIntake intake;

    @Test
    void anAcceptedOrdersStatusAndBakeRequestCarryTheTraceOfItsPlacedRecord() {
        OrderPlaced order = bakery.order(bakery.line("croissant", 2));
        String checkout = Traceparent.fresh();
        String trace = Traceparent.traceId(checkout);

        bakery.kafka.send(Topics.ORDERS_PLACED, order, Map.of(Traceparent.HEADER, checkout));

        Await.untilAsserted("both events of order " + order.orderId() + " continue trace " + trace, () -> {
            assertThat(tracesOf(Topics.ORDERS_STATUS, order.orderId())).containsExactly(trace);
            assertThat(tracesOf(Topics.BAKE_REQUESTS, order.orderId())).containsExactly(trace);
        });
        Await.untilAsserted("order-service recorded receiving and sending in trace " + trace,
                () -> assertThat(spansOf(trace)).extracting(SpanData::getKind).contains(SpanKind.CONSUMER, SpanKind.PRODUCER));
    }

    @Test
    void aReadyStatusCarriesTheTraceOfTheOvensReport() {
        OrderPlaced order = bakery.accepted(bakery.line("pretzel", 1));
        String oven = Traceparent.fresh();

        bakery.kafka.send(Topics.BAKE_EVENTS, BakeEvent.finished(order.orderId(), "oven-test", Instant.now()),
                Map.of(Traceparent.HEADER, oven));

        bakery.awaitStatus(order.orderId(), OrderStatus.READY);
        Await.untilAsserted("the READY event continues the oven's trace",
                () -> assertThat(bakery.kafka.readAll(Topics.ORDERS_STATUS).stream()
                        .filter(r -> r.key().equals(order.orderId().toString()))
                        .map(r -> Traceparent.traceId(KafkaProbe.header(r, Traceparent.HEADER)))
                        .toList())
                        .last().isEqualTo(Traceparent.traceId(oven)));
    }

    @Test
    void anEventLeftInTheOutboxIsSweptOntoItsOrdersTrace() {
        OrderPlaced order = bakery.order(bakery.line("apple-turnover", 1));
        String checkout = Traceparent.fresh();

        // stored and committed, never published by its writer: only the sweep sends it
        intake.store(List.of(order), Map.of(order.orderId(), checkout)).await().indefinitely();

        bakery.awaitStatus(order.orderId(), OrderStatus.ACCEPTED);
        assertThat(tracesOf(Topics.ORDERS_STATUS, order.orderId())).containsExactly(Traceparent.traceId(checkout));
    }

    private List<String> tracesOf(String topic, UUID orderId) {
        return bakery.kafka.readAll(topic).stream()
                .filter(r -> r.key().equals(orderId.toString()))
                .map(r -> Traceparent.traceId(KafkaProbe.header(r, Traceparent.HEADER)))
                .toList();
    }

    private List<SpanData> spansOf(String trace) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace)).toList();
    }
}
