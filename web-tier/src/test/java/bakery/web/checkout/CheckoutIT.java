package bakery.web.checkout;

import static bakery.web.SampleOrders.PICKUP;
import static bakery.web.SampleOrders.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.contracts.serde.OrderPlacedDeserializer;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import bakery.web.Shopper;
import bakery.web.SseStream;
import bakery.web.WebTierTest;
import bakery.web.orders.StatusFeed;

@QuarkusTest
@WebTierTest
class CheckoutIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    StatusFeed feed;

    @Test
    void retriedCheckoutReturnsTheSameOrderAndSendsOneEvent() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 4);
        shopper.addToCart("sourdough", 1);
        String key = "retry-" + UUID.randomUUID();

        HttpResponse<String> first = shopper.checkout(key, "Ada", "ada@example.org", PICKUP);
        HttpResponse<String> second = shopper.checkout(key, "Ada", "ada@example.org", PICKUP);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        String orderId = Shopper.json(first).get("orderId").asText();
        assertThat(Shopper.json(first).get("status").asText()).isEqualTo("PLACED");
        assertThat(Shopper.json(second).get("orderId").asText()).isEqualTo(orderId);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/orders/" + orderId);
        assertThat(shopper.cart().get("lines")).isEmpty();

        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            List<OrderPlaced> placed = kafka.awaitValues(Topics.ORDERS_PLACED, new OrderPlacedDeserializer(),
                    e -> e.orderId().toString().equals(orderId), found -> !found.isEmpty());
            assertThat(placed).hasSize(1);
            OrderPlaced order = placed.get(0);
            assertThat(order.idempotencyKey()).isEqualTo(key);
            assertThat(order.totalCents()).isEqualTo(4 * 180 + 550);
            assertThat(order.customer().email()).isEqualTo("ada@example.org");
            assertThat(order.webNode()).isEqualTo("web-test");
            assertThat(kafka.readAll(Topics.ORDERS_PLACED).stream().filter(r -> r.key().equals(orderId))).hasSize(1);
        }
    }

    @Test
    void theSameKeyFromTwoSessionsPlacesTwoOrders() {
        String key = "shared-" + UUID.randomUUID();
        Shopper ada = new Shopper(node.toString());
        ada.addToCart("croissant", 1);
        Shopper bob = new Shopper(node.toString());
        bob.addToCart("pretzel", 3);

        HttpResponse<String> adas = ada.checkout(key, "Ada", "ada@example.org", PICKUP);
        HttpResponse<String> bobs = bob.checkout(key, "Bob", "bob@example.org", PICKUP);

        assertThat(adas.statusCode()).isEqualTo(202);
        assertThat(bobs.statusCode()).isEqualTo(202);
        String adaOrder = Shopper.json(adas).get("orderId").asText();
        String bobOrder = Shopper.json(bobs).get("orderId").asText();
        assertThat(bobOrder).isNotEqualTo(adaOrder);
        assertThat(Shopper.json(bobs).get("repeated").asBoolean()).isFalse();
        assertThat(bob.get("/api/orders/" + bobOrder).statusCode()).isEqualTo(200);
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            List<OrderPlaced> placed = kafka.awaitValues(Topics.ORDERS_PLACED, new OrderPlacedDeserializer(),
                    e -> e.idempotencyKey().equals(key), found -> found.size() >= 2);
            assertThat(placed).extracting(OrderPlaced::customer).extracting(c -> c.name()).containsExactlyInAnyOrder("Ada",
                    "Bob");
            // order-service keeps keys apart per session: the scopes differ and name no session id
            assertThat(placed).extracting(OrderPlaced::idempotencyScope).doesNotContainNull().doesNotHaveDuplicates()
                    .noneMatch(scope -> scope.equals(ada.sessionId()) || scope.equals(bob.sessionId()));
        }
    }

    @Test
    void theSameKeyWithADifferentCartIsRefusedAndTheNewCartKept() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 2);
        String key = "reused-" + UUID.randomUUID();
        String orderId = Shopper.json(shopper.checkout(key, "Ada", "ada@example.org", PICKUP)).get("orderId").asText();
        shopper.addToCart("sourdough", 1);

        HttpResponse<String> reused = shopper.checkout(key, "Ada", "ada@example.org", PICKUP);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(Shopper.json(reused).get("field").asText()).isEqualTo("idempotencyKey");
        assertThat(Shopper.json(reused).get("detail").asText()).contains(orderId, "different cart", "new key");
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(1);
        HttpResponse<String> fresh = shopper.checkout("fresh-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP);
        assertThat(fresh.statusCode()).isEqualTo(202);
        assertThat(Shopper.json(fresh).get("orderId").asText()).isNotEqualTo(orderId);
    }

    @Test
    void aCheckoutFormPostedAgainForAnotherCartSaysWhyAndOffersANewKey() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("macaron", 2);
        String key = formKey(shopper.get("/checkout").body());
        Map<String, String> fields = Map.of("csrf", shopper.csrfToken(), "idempotencyKey", key, "name", "Grace",
                "email", "grace@example.org", "pickupAt", "2099-05-01T08:30");
        assertThat(shopper.postForm("/checkout", fields).statusCode()).isEqualTo(303);
        shopper.addToCart("pretzel", 1);

        HttpResponse<String> again = shopper.postForm("/checkout", fields);

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("different cart", "Grace");
        assertThat(formKey(again.body())).isNotEqualTo(key);
    }

    @Test
    void checkoutWithoutAnySessionIsAnEmptyCartAndOpensNone() {
        Shopper stranger = new Shopper(node.toString());
        HttpResponse<String> response = stranger.checkout("nothing-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(response).get("field").asText()).isEqualTo("cart");
        assertThat(stranger.sessionId()).isNull();
    }

    @Test
    void badInputIsRefusedWithAMessagePerFieldAndTheCartStays() {
        Shopper shopper = new Shopper(node.toString());
        HttpResponse<String> empty = shopper.checkout("empty-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(empty).get("field").asText()).isEqualTo("cart");

        shopper.addToCart("pretzel", 2);
        HttpResponse<String> badMail = shopper.checkout("mail-" + UUID.randomUUID(), "Ada", "not-an-address", PICKUP);
        assertThat(badMail.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(badMail).get("field").asText()).isEqualTo("email");

        HttpResponse<String> several = shopper.checkout("many-" + UUID.randomUUID(), "", "nope",
                Instant.now().minus(1, ChronoUnit.HOURS).toString());
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(several).get("detail").asText()).contains("email:", "name:", "pickupAt:");

        HttpResponse<String> noKey = shopper.postJson("/api/checkout",
                "{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"pickupAt\":\"" + PICKUP + "\"}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(noKey).get("field").asText()).isEqualTo("idempotencyKey");

        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(2);
    }

    @Test
    void anotherSessionsOrderIsNotFound() {
        Shopper ada = new Shopper(node.toString());
        ada.addToCart("macaron", 6);
        String orderId = Shopper.json(ada.checkout("ada-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP)).get("orderId")
                .asText();
        assertThat(ada.get("/api/orders/" + orderId).statusCode()).isEqualTo(200);

        Shopper mallory = new Shopper(node.toString());
        mallory.get("/");
        assertThat(mallory.get("/api/orders/" + orderId).statusCode()).isEqualTo(404);
        assertThat(mallory.get("/orders/" + orderId).statusCode()).isEqualTo(404);
        try (SseStream stream = mallory.stream("/api/orders/" + orderId + "/events", null)) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }

    @Test
    void checkoutFormPlacesTheOrderAndShowsItsPage() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("sourdough", 2);
        String key = formKey(shopper.get("/checkout").body());
        String csrf = shopper.csrfToken();
        Map<String, String> fields = Map.of("csrf", csrf, "idempotencyKey", key, "name", "Grace",
                "email", "grace@example.org", "pickupAt", "2099-05-01T08:30");

        HttpResponse<String> placed = shopper.postForm("/checkout", fields);
        HttpResponse<String> doubleClick = shopper.postForm("/checkout", fields);

        assertThat(placed.statusCode()).isEqualTo(303);
        String orderPage = placed.headers().firstValue("Location").orElseThrow();
        assertThat(doubleClick.headers().firstValue("Location")).contains(orderPage);
        String page = shopper.get(URI(orderPage)).body();
        assertThat(page).contains("data-testid=\"order-status\">PLACED", "Grace", "2 × Country sourdough");
    }

    @Test
    void orderPageStreamSendsTheCurrentStateThenLiveChangesAndResumesAfterTheLastSeenVersion() throws Exception {
        Await.until("status feed joined", feed::joined);
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 2);
        String orderId = Shopper.json(shopper.checkout("live-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP))
                .get("orderId").asText();

        try (SseStream stream = shopper.stream("/api/orders/" + orderId + "/events", null);
                KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("snapshot first", () -> assertThat(stream.events()).isNotEmpty());
            assertThat(stream.events().get(0).name()).isEqualTo("status");
            assertThat(stream.events().get(0).data()).contains("\"status\":\"PLACED\"");

            kafka.send(Topics.ORDERS_STATUS, statusChanged(orderId, OrderStatus.ACCEPTED, 1));
            kafka.send(Topics.ORDERS_STATUS, statusChanged(orderId, OrderStatus.BAKING, 2));
            kafka.send(Topics.ORDERS_STATUS, statusChanged(orderId, OrderStatus.ACCEPTED, 1)); // redelivered: dropped
            kafka.send(Topics.ORDERS_STATUS, statusChanged(orderId, OrderStatus.READY, 3));

            Await.untilAsserted("live events up to READY", () -> assertThat(stream.events())
                    .extracting(SseStream.Event::id).containsExactly("0", "1", "2", "3"));
            assertThat(stream.events().get(3).data()).contains("\"status\":\"READY\"");
            Await.untilAsserted("heartbeats", () -> assertThat(stream.comments()).contains("heartbeat"));
        }

        try (SseStream resumed = shopper.stream("/api/orders/" + orderId + "/events", "2");
                KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("stream open", () -> assertThat(resumed.comments()).isNotEmpty());
            kafka.send(Topics.ORDERS_STATUS, statusChanged(orderId, OrderStatus.PICKED_UP, 4));
            Await.untilAsserted("only what is newer than version 2", () -> assertThat(resumed.events())
                    .extracting(SseStream.Event::id).containsExactly("4"));
        }
    }

    private static String formKey(String page) {
        return page.replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");
    }

    private static String URI(String location) {
        return java.net.URI.create(location).getPath();
    }
}
