package bakery.baking;

import static bakery.testkit.DeadLetters.reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeRequest;
import bakery.contracts.OrderIds;
import bakery.contracts.Topics;
import bakery.testkit.DeadLetters;

@QuarkusTest
class PoisonBakeRequestIsDeadLetteredIT extends BakingIT {

    @Test
    void poisonRequestsGoToTheDeadLetterTopicWithTheReasonAndTheNextRequestIsStillBaked() {
        String notJson = OrderIds.next().toString();
        String noOrderId = OrderIds.next().toString();
        BakeRequest noLines = BakeRequest.of(OrderIds.next(), List.of(), Instant.now());
        watch.probe().send(Topics.BAKE_REQUESTS, notJson, "two croissants, please");
        watch.probe().send(Topics.BAKE_REQUESTS, noOrderId,
                "{\"schemaVersion\":1,\"lines\":[],\"requestedAt\":\"2026-11-21T08:00:00Z\"}");
        watch.request(noLines);
        BakeRequest good = OvenWatch.order(10);
        watch.request(good);

        watch.awaitFinished(List.of(good.orderId()));
        List<String> poison = List.of(notJson, noOrderId, noLines.key());
        Map<String, ConsumerRecord<String, byte[]>> dead = DeadLetters.of(watch.probe(), Topics.BAKE_REQUESTS)
                .awaitKeys(poison);

        assertThat(reason(dead.get(notJson))).contains("not valid JSON");
        assertThat(new String(dead.get(notJson).value(), StandardCharsets.UTF_8)).isEqualTo("two croissants, please");
        assertThat(reason(dead.get(noOrderId))).contains("orderId");
        assertThat(reason(dead.get(noLines.key()))).contains("has no lines");
        assertThat(watch.eventsOf(noLines.orderId())).isEmpty();
    }
}
