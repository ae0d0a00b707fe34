package bakery.web.session;

import static bakery.web.SampleOrders.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * The session, cart and checkout scripts are called by their SHA-1. A Redis that restarted (or had
 * its script cache flushed) no longer knows them: the customer must not notice.
 */
@QuarkusTest
@WebTierTest
class ShopperCarriesOnWhenRedisForgetsItsScriptsIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    RedisDataSource redis;

    @Test
    void cartAndCheckoutWorkRightAfterTheScriptCacheIsFlushed() {
        Shopper shopper = new Shopper(node.toString());
        assertThat(shopper.addToCart("croissant", 2).statusCode()).isEqualTo(200);

        redis.execute("SCRIPT", "FLUSH");
        HttpResponse<String> added = shopper.addToCart("croissant", 1);
        assertThat(added.statusCode()).isEqualTo(200);
        // the answer to the change is the cart as it now is: both additions, priced
        assertThat(Shopper.json(added).get("totalCents").asLong()).isEqualTo(3 * 180);

        redis.execute("SCRIPT", "FLUSH");
        HttpResponse<String> placed = shopper.checkout("flushed-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP);
        assertThat(placed.statusCode()).isEqualTo(202);
        JsonNode cart = shopper.cart();
        assertThat(cart.get("lines")).isEmpty();
    }
}
