package bakery.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    void browsingCreatesNoSessionAndNoRedisKeyOnlyAFormToken() {
        Set<String> before = sessionKeys();
        Shopper visitor = new Shopper(node.toString());
        for (String page : List.of("/", "/api/catalog", "/cart", "/api/cart", "/checkout", "/signin", "/bakery.css")) {
            HttpResponse<String> response = visitor.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as("cookies set by %s", page)
                    .noneMatch(c -> c.startsWith("FADU_SESSION="));
        }
        assertThat(visitor.sessionId()).isNull();
        assertThat(sessionKeys()).as("Redis keys after browsing").isEqualTo(before);
        // the catalog's add-to-cart forms carry a token of the browser's own, not kept anywhere else
        String token = visitor.cookie("FADU_CSRF");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(visitor.get("/").body()).contains("name=\"csrf\" value=\"" + token + "\"");
        // a page without a form hands out nothing at all
        assertThat(new Shopper(node.toString()).get("/signin").headers().allValues("Set-Cookie")).isEmpty();
        assertThat(new Shopper(node.toString()).get("/api/catalog").headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theFirstCartLineOpensTheSessionWithAnHttpOnlyLaxCookieHoldingOnlyARandomId() {
        HttpResponse<String> response = new Shopper(node.toString()).addToCart("croissant", 1);
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("FADU_SESSION="))
                .findFirst().orElseThrow();
        // attribute names are case-insensitive (RFC 6265); Netty writes "HTTPOnly"
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Path=/").doesNotContain("Secure");
        String id = cookie.substring("FADU_SESSION=".length(), cookie.indexOf(';'));
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        // Redis knows the session by a hash of the id, never the id itself
        assertThat(redis.key().exists("session:" + SessionId.storageKey(id))).isTrue();
        assertThat(redis.key().keys("*" + id + "*")).isEmpty();
    }

    @Test
    void cookiesAreSecureWhenTheBalancerSaysTheCustomerCameOverHttps() {
        Shopper shopper = new Shopper(node.toString());
        HttpResponse<String> page = shopper.get("/", "X-Forwarded-Proto", "https");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("FADU_CSRF=").contains("Secure");
        HttpResponse<String> added = shopper.addToCart("croissant", 1, "X-Forwarded-Proto", "https");
        assertThat(added.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("FADU_SESSION="))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("Secure", "SameSite=Lax").containsIgnoringCase("HttpOnly"));
        HttpResponse<String> signedIn = new Shopper(node.toString()).postForm("/j_security_check",
                Map.of("j_username", "staff", "j_password", "staff-demo"), "X-Forwarded-Proto", "https");
        assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("FADU_STAFF="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure").containsIgnoringCase("HttpOnly"));
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
        garbage.addToCart("pretzel", 1);
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
        assertThat(redis.key().exists(key, "cart:" + SessionId.storageKey(old))).isZero();
        shopper.addToCart("pretzel", 1);
        assertThat(shopper.sessionId()).isNotEqualTo(old);
    }

    @Test
    void sessionThatExpiredInRedisIsReplaced() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("sourdough", 1);
        String old = shopper.sessionId();
        redis.key().del("session:" + SessionId.storageKey(old));

        assertThat(shopper.cart().get("lines")).isEmpty();
        shopper.addToCart("pretzel", 1);
        assertThat(shopper.sessionId()).isNotEqualTo(old);
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(1);
    }

    /** Every Redis key but the nodes' own heartbeats (they beat every second in tests). */
    private Set<String> sessionKeys() {
        return redis.key().keys("*").stream().filter(k -> !k.startsWith("ops:")).collect(Collectors.toSet());
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
