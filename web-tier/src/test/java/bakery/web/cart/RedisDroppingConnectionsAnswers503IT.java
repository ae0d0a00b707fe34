package bakery.web.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.testkit.Await;
import bakery.testkit.RedisServer;
import bakery.web.SampleOrders;
import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * Redis dies while requests wait for it: the commands they sent sit unread in its sockets, so its
 * death resets those connections ("Connection reset"), as {@code ./bakery chaos stop-redis} found.
 * Each customer gets a 503 saying to try again, never a 500, and carries on once Redis is back.
 */
@QuarkusTest
@WebTierTest
class RedisDroppingConnectionsAnswers503IT {

    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL node;

    @Test
    void requestsWaitingOnRedisWhenItDiesAnswer503AndTheShopperCarriesOnWhenItIsBack() throws Exception {
        Shopper shopper = new Shopper(node.toString());
        assertThat(shopper.addToCart("croissant", 2).statusCode()).isEqualTo(200);
        RedisServer redis = RedisServer.shared();

        List<CompletableFuture<HttpResponse<String>>> waiting;
        redis.freeze();
        try {
            waiting = List.of(
                    inFlight(() -> shopper.addToCart("baguette", 1)),
                    inFlight(() -> shopper.putJson("/api/cart/items/croissant", "{\"quantity\":3}")),
                    inFlight(() -> shopper.checkout("reset-" + UUID.randomUUID(), "Ada", "ada@example.org",
                            SampleOrders.PICKUP)));
            Await.until("the requests' commands wait unread in Redis", () -> redis.unreadBytes() > 0);
        } finally {
            redis.crash();
        }

        try {
            for (CompletableFuture<HttpResponse<String>> request : waiting) {
                HttpResponse<String> answer = request.get(ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as("%s %s: %s", answer.request().method(), answer.request().uri(),
                        answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(Shopper.json(answer).get("detail").asText()).contains("try again");
            }
        } finally {
            redis.start();
        }

        Await.until("the shopper's cart works once Redis is back", () -> shopper.addToCart("croissant", 1),
                r -> r.statusCode() == 200);
    }

    private static CompletableFuture<HttpResponse<String>> inFlight(Supplier<HttpResponse<String>> request) {
        return CompletableFuture.supplyAsync(request);
    }
}
