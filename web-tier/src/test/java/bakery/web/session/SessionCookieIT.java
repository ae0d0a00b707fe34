package bakery.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.WebTierTest;

@QuarkusTest
@WebTierTest
class SessionCookieIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    RedisDataSource redis;

    @Test
    void newVisitorGetsAnHttpOnlyLaxCookieForTheWholeSiteHoldingOnlyARandomId() {
        HttpResponse<String> response = new Shopper(node.toString()).get("/");
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        // attribute names are case-insensitive (RFC 6265); Netty writes "HTTPOnly"
        assertThat(cookie).startsWith("FADU_SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Path=/")
                .doesNotContain("Secure");
        String id = cookie.substring("FADU_SESSION=".length(), cookie.indexOf(';'));
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        // Redis knows the session by a hash of the id, never the id itself
        assertThat(redis.key().exists("session:" + SessionId.storageKey(id))).isTrue();
        assertThat(redis.key().keys("*" + id + "*")).isEmpty();
    }

    @Test
    void cookieIsSecureWhenTheBalancerSaysTheCustomerCameOverHttps() {
        HttpResponse<String> response = new Shopper(node.toString()).get("/", "X-Forwarded-Proto", "https");
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure", "SameSite=Lax")
                .containsIgnoringCase("HttpOnly");
    }

    @Test
    void knownSessionIsKeptAndItsIdleTimeoutSlides() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 1);
        String id = shopper.sessionId();
        HttpResponse<String> again = shopper.get("/api/cart");
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(shopper.sessionId()).isEqualTo(id);
        long ttl = redis.key().pttl("session:" + SessionId.storageKey(id));
        long cartTtl = redis.key().pttl("cart:" + SessionId.storageKey(id));
        assertThat(ttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
        assertThat(cartTtl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void forgedSessionIdIsReplacedNeverAdopted() {
        String forged = SessionId.next();
        Shopper shopper = new Shopper(node.toString()).withSessionId(forged);
        shopper.addToCart("pretzel", 2);
        assertThat(shopper.sessionId()).isNotEqualTo(forged);
        assertThat(redis.key().exists("session:" + SessionId.storageKey(forged))).isFalse();
        assertThat(redis.key().exists("cart:" + SessionId.storageKey(forged))).isFalse();

        Shopper garbage = new Shopper(node.toString()).withSessionId("../../etc/passwd");
        garbage.get("/");
        assertThat(garbage.sessionId()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void sessionPastItsAbsoluteTimeoutIsReplacedAndItsCartForgotten() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("sourdough", 3);
        String old = shopper.sessionId();
        String key = "session:" + SessionId.storageKey(old);
        // opened 12 h and 1 min ago, used all the time since
        redis.hash(String.class).hset(key, "created",
                Long.toString(System.currentTimeMillis() - Duration.ofHours(12).plusMinutes(1).toMillis()));

        assertThat(shopper.cart().get("lines")).isEmpty();
        assertThat(shopper.sessionId()).isNotEqualTo(old);
        assertThat(redis.key().exists(key, "cart:" + SessionId.storageKey(old))).isZero();
    }

    @Test
    void sessionThatExpiredInRedisIsReplaced() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("sourdough", 1);
        String old = shopper.sessionId();
        redis.key().del("session:" + SessionId.storageKey(old));

        shopper.get("/api/cart");
        assertThat(shopper.sessionId()).isNotEqualTo(old);
    }

    @Test
    void everyResponseAndEveryPageFooterNamesTheNode() {
        Shopper shopper = new Shopper(node.toString());
        HttpResponse<String> page = shopper.get("/");
        assertThat(page.headers().firstValue("X-Served-By")).contains("web-test");
        assertThat(page.body()).contains("data-testid=\"served-by\">Served by web-test");
        assertThat(shopper.get("/api/cart").headers().firstValue("X-Served-By")).contains("web-test");
        assertThat(shopper.get("/no-such-page").headers().firstValue("X-Served-By")).contains("web-test");
        assertThat(shopper.get("/board").headers().firstValue("X-Served-By")).contains("web-test");
    }
}
