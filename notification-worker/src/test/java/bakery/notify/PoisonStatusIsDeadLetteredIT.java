package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;

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
        Map<String, ConsumerRecord<String, byte[]>> dead = Await.until("two poison records dead-lettered",
                () -> probe.readAll(Topics.deadLetter(Topics.ORDERS_STATUS)).stream()
                        .filter(r -> List.of(notJson, unknownStatus).contains(r.key()))
                        .collect(Collectors.toMap(ConsumerRecord::key, Function.identity(), (a, b) -> a)),
                found -> found.size() == 2);

        assertThat(KafkaProbe.header(dead.get(notJson), Topics.DLQ_REASON_HEADER)).contains("not valid JSON");
        assertThat(KafkaProbe.header(dead.get(unknownStatus), Topics.DLQ_REASON_HEADER)).contains("status").contains("BURNT");
    }
}
