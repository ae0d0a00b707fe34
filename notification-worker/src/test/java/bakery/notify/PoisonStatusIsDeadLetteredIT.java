package bakery.notify;

import static bakery.testkit.DeadLetters.reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.DeadLetters;

@QuarkusTest
class PoisonStatusIsDeadLetteredIT extends NotifyIT {

    @Test
    void poisonStatusRecordsGoToTheDeadLetterTopicAndTheNextOneIsStillEmailed() {
        String notJson = OrderIds.next().toString();
        String unknownStatus = OrderIds.next().toString();
        probe.send(Topics.ORDERS_STATUS, notJson, "<order status='ready'/>");
        probe.send(Topics.ORDERS_STATUS, unknownStatus, """
                {"schemaVersion":1,"orderId":"%s","status":"BURNT","version":4,
                 "customer":{"name":"Jane Doe","email":"jane.doe@example.org"},"lines":[],"totalCents":0,
                 "at":"2026-11-22T06:00:00Z"}""".formatted(unknownStatus));
        OrderStatusChanged good = change(OrderStatus.READY);
        publish(good);

        awaitMailAbout(good.orderId());
        Map<String, ConsumerRecord<String, byte[]>> dead = DeadLetters.of(probe, Topics.ORDERS_STATUS)
                .awaitKeys(List.of(notJson, unknownStatus));

        assertThat(reason(dead.get(notJson))).contains("not valid JSON");
        assertThat(reason(dead.get(unknownStatus))).contains("status").contains("BURNT");
    }
}
