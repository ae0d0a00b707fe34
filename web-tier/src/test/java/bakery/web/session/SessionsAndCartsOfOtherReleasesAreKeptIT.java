package bakery.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.web.GoldenValues;
import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * During a rolling upgrade a customer's next request may land on a node of another release. A session and cart as
 * the release before wrote them ({@code golden/release-1.0}, no shape version) and as a release after may write them
 * ({@code golden/next}, a higher version and fields this release does not know) stay the customer's: same session,
 * same lines, and the cart keeps changing.
 */
@QuarkusTest
@WebTierTest
class SessionsAndCartsOfOtherReleasesAreKeptIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    RedisDataSource redis;

    @ParameterizedTest
    @ValueSource(strings = { "release-1.0", "next" })
    void theCustomerKeepsSessionAndCart(String release) {
        JsonNode fixture = GoldenValues.fixture(release, "session-and-cart.json");
        String id = SessionId.next();
        Session stored = new Session(id, SessionId.storageKey(id), null, false);
        redis.hash(String.class).hset(stored.sessionKey(), GoldenValues.hash(fixture.get("session")));
        redis.hash(String.class).hset(stored.cartKey(), GoldenValues.hash(fixture.get("cart")));
        redis.key().pexpire(stored.sessionKey(), 600_000);
        redis.key().pexpire(stored.cartKey(), 600_000);

        Shopper customer = new Shopper(node.toString()).withSessionId(id);
        JsonNode cart = customer.cart();

        assertThat(customer.sessionId()).as("the session is resumed, not replaced").isEqualTo(id);
        assertThat(quantities(cart)).containsExactlyInAnyOrderEntriesOf(Map.of("croissant", 2, "sourdough", 1));
        assertThat(customer.addToCart("croissant", 1).statusCode()).isEqualTo(200);
        assertThat(quantities(customer.cart())).containsEntry("croissant", 3).containsEntry("sourdough", 1);
    }

    @Test
    void aSessionThisReleaseOpensCarriesItsShapeVersion() {
        Shopper customer = new Shopper(node.toString());
        assertThat(customer.addToCart("croissant", 1).statusCode()).isEqualTo(200);

        String key = new Session(customer.sessionId(), SessionId.storageKey(customer.sessionId()), null, false).sessionKey();
        assertThat(redis.hash(String.class).hget(key, "v")).isEqualTo(String.valueOf(SessionStore.SHAPE_VERSION));
    }

    private static Map<String, Integer> quantities(JsonNode cart) {
        Map<String, Integer> lines = new HashMap<>();
        cart.get("lines").forEach(line -> lines.put(line.get("sku").asText(), line.get("quantity").asInt()));
        return lines;
    }
}
