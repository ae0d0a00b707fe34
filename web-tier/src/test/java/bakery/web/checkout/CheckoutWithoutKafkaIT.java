package bakery.web.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderPlaced;
import bakery.contracts.Topics;
import bakery.contracts.serde.OrderPlacedDeserializer;
import bakery.testkit.KafkaBroker;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ReadinessProbe;
import bakery.web.SampleOrders;
import bakery.web.Shopper;
import bakery.web.WebTierTest;

@QuarkusTest
@WebTierTest
class CheckoutWithoutKafkaIT {

    @TestHTTPResource("/")
    URL node;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void kafkaDownAnswers503WithinFiveSecondsKeepsTheCartAndTheRetryPlacesOneOrder() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 3);
        String key = "outage-" + UUID.randomUUID();
        KafkaBroker broker = KafkaBroker.shared();

        broker.stop();
        HttpResponse<String> refused;
        long tookMillis;
        try {
            long start = System.nanoTime();
            refused = shopper.checkout(key, "Ada", "ada@example.org", SampleOrders.PICKUP);
            tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        } finally {
            broker.start();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Shopper.json(refused).get("detail").asText()).contains("cart is kept");
        assertThat(tookMillis).as("customer waited %d ms", tookMillis).isLessThan(5_000);
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(3);
        assertThat(ReadinessProbe.of(management.toString()).now().status()).as("the node stays in rotation").isEqualTo(200);

        HttpResponse<String> retried = bakery.testkit.Await.until("checkout accepted once Kafka is back",
                () -> shopper.checkout(key, "Ada", "ada@example.org", SampleOrders.PICKUP), r -> r.statusCode() == 202);
        String orderId = Shopper.json(retried).get("orderId").asText();
        assertThat(shopper.cart().get("lines")).isEmpty();
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            List<OrderPlaced> placed = kafka.awaitValues(Topics.ORDERS_PLACED, new OrderPlacedDeserializer(),
                    e -> e.idempotencyKey().equals(key), found -> !found.isEmpty());
            assertThat(placed).extracting(OrderPlaced::orderId).containsOnly(UUID.fromString(orderId));
        }
    }
}
