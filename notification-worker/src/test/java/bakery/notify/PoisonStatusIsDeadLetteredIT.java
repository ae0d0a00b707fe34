package bakery.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;

@QuarkusTest
class PoisonStatusIsDeadLetteredIT extends NotifyIT {

    /**
     * One order's records share a partition and are read in order: once the READY e-mail is out and the poison
     * record is dead-lettered, the status a newer release sent before them has been settled too.
     */
    @Test
    void poisonIsDeadLetteredAStatusOfANewerReleaseIsNotAndTheNextOneIsStillEmailed() {
        OrderStatusChanged good = change(OrderStatus.READY);
        String key = good.orderId().toString();
        String notJson = "<order status='ready' id='" + key + "'/>";
        String newerStatus = """
                {"schemaVersion":2,"orderId":"%s","status":"PACKED","version":4,
                 "customer":{"name":"Jane Doe","email":"jane.doe@example.org"},"lines":[],"totalCents":0,
                 "at":"2026-11-22T06:00:00Z","shelf":"B2"}""".formatted(key);
        probe.send(Topics.ORDERS_STATUS, key, newerStatus);
        probe.send(Topics.ORDERS_STATUS, key, notJson);
        publish(good);

        assertThat(subject(awaitMailAbout(good.orderId()))).isNotBlank();
        ConsumerRecord<String, byte[]> dead = Await.until("the poison record dead-lettered",
                () -> probe.readAll(Topics.deadLetter(Topics.ORDERS_STATUS)).stream()
                        .filter(r -> isRecord(r, notJson)).findFirst().orElse(null),
                found -> found != null);

        assertThat(KafkaProbe.header(dead, Topics.DLQ_REASON_HEADER)).contains("not valid JSON");
        assertThat(probe.readAll(Topics.deadLetter(Topics.ORDERS_STATUS))).as("the newer release's status is no poison")
                .noneMatch(r -> isRecord(r, newerStatus));
        assertThat(mailsAbout(good.orderId())).as("no e-mail about a status this release does not know").hasSize(1);
    }

    private static boolean isRecord(ConsumerRecord<String, byte[]> record, String value) {
        return record.value() != null && Arrays.equals(record.value(), value.getBytes(StandardCharsets.UTF_8));
    }
}
