package bakery.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderCommand.Action;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;

/**
 * Each consumed topic: a record that is not its event goes to {@code <topic>.dlq} as it was, and the next one is handled.
 * A record a newer release wrote (a stage or staff action this release does not know yet) is no poison: it is
 * acknowledged without changing the order and never reaches the dead-letter topic.
 */
@QuarkusTest
@OrderServiceTest
class PoisonRecordsGoToTheDeadLetterTopicIT extends BakeryScenario {

    @Test
    void placedOrdersThatAreNotJsonOrMissAFieldAreDeadLetteredAndTheNextOrderIsAccepted() {
        OrderPlaced next = bakery.order(bakery.line("croissant", 1));
        String notJson = "croissants please " + UUID.randomUUID();
        String noCustomer = "{\"schemaVersion\":1,\"orderId\":\"" + UUID.randomUUID() + "\",\"idempotencyKey\":\"k-"
                + UUID.randomUUID()
                + "\",\"lines\":[],\"totalCents\":0,\"placedAt\":\"2026-11-21T10:00:00Z\"}";
        bakery.kafka.send(Topics.ORDERS_PLACED, next.key(), notJson);
        bakery.kafka.send(Topics.ORDERS_PLACED, next.key(), noCustomer);
        bakery.place(next);

        bakery.awaitStatus(next.orderId(), OrderStatus.ACCEPTED);
        assertDeadLettered(Topics.ORDERS_PLACED, notJson, "not valid JSON");
        assertDeadLettered(Topics.ORDERS_PLACED, noCustomer, "field 'customer'");
    }

    @Test
    void bakeEventsOfANewerReleaseAreLeftAloneAndTheNextEventMovesTheOrder() {
        OrderPlaced order = bakery.accepted(bakery.line("baguette", 1));
        String unknownStage = "{\"schemaVersion\":1,\"orderId\":\"" + order.orderId()
                + "\",\"stage\":\"BURNT\",\"workerNode\":\"oven-1\",\"at\":\"2026-11-21T10:00:00Z\"}";
        String notJson = "{oven on fire " + UUID.randomUUID();
        bakery.kafka.send(Topics.BAKE_EVENTS, order.key(), unknownStage);
        bakery.kafka.send(Topics.BAKE_EVENTS, order.key(), notJson);
        bakery.ovenStarts(order.orderId());

        bakery.awaitStatus(order.orderId(), OrderStatus.BAKING);
        assertDeadLettered(Topics.BAKE_EVENTS, notJson, "not valid JSON");
        // Same key, same partition, read in order: the newer record was settled before notJson was dead-lettered.
        assertNotDeadLettered(Topics.BAKE_EVENTS, unknownStage);
    }

    @Test
    void staffCommandsOfANewerReleaseAreLeftAloneAndTheNextCommandApplies() {
        OrderPlaced order = bakery.accepted(bakery.line("brioche", 1));
        String unknownAction = "{\"schemaVersion\":1,\"orderId\":\"" + order.orderId()
                + "\",\"action\":\"EAT\",\"staffUser\":\"mia\",\"at\":\"2026-11-21T10:00:00Z\"}";
        String wrongType = "{\"schemaVersion\":\"one\",\"orderId\":\"" + order.orderId()
                + "\",\"action\":\"CANCEL\",\"staffUser\":\"mia\",\"at\":\"2026-11-21T10:00:00Z\"}";
        bakery.kafka.send(Topics.ORDERS_COMMANDS, order.key(), unknownAction);
        bakery.kafka.send(Topics.ORDERS_COMMANDS, order.key(), wrongType);
        bakery.staff(order.orderId(), Action.CANCEL);

        bakery.awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        assertDeadLettered(Topics.ORDERS_COMMANDS, wrongType, "field 'schemaVersion'");
        assertNotDeadLettered(Topics.ORDERS_COMMANDS, unknownAction);
    }

    private void assertNotDeadLettered(String topic, String original) {
        byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
        assertThat(bakery.kafka.readAll(Topics.deadLetter(topic))).as("records on " + Topics.deadLetter(topic))
                .noneMatch(r -> r.value() != null && Arrays.equals(r.value(), bytes));
    }

    private void assertDeadLettered(String topic, String original, String reason) {
        byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
        List<ConsumerRecord<String, byte[]>> found = Await.until("poison record on " + Topics.deadLetter(topic),
                () -> bakery.kafka.readAll(Topics.deadLetter(topic)).stream()
                        .filter(r -> r.value() != null && Arrays.equals(r.value(), bytes)).toList(),
                records -> !records.isEmpty());
        assertThat(found).singleElement().satisfies(record -> {
            assertThat(KafkaProbe.header(record, Topics.DLQ_REASON_HEADER)).contains("topic '" + topic + "'").contains(reason);
        });
    }
}
