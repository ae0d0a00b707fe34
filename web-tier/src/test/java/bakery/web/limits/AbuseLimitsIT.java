package bakery.web.limits;

import static bakery.web.SampleOrders.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import bakery.testkit.Await;
import bakery.web.Shopper;
import bakery.web.SseStream;
import bakery.web.WebTierTest;

/**
 * Strangers repeating themselves, with small limits so a test reaches them: cart writes, checkouts
 * and sign-ins per session, account and address answer 429 with Retry-After and a reason once the
 * allowance is spent, and live streams are capped per session and per node. Addresses come from
 * X-Forwarded-For, which the node believes from the test (the loopback is its trusted proxy).
 */
@QuarkusTest
@WebTierTest
@TestProfile(AbuseLimitsIT.TightLimits.class)
class AbuseLimitsIT {

    static final String PASSWORD = "rye-and-spelt";

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> limits = Map.of(
                    "bakery.web.limits.cart-writes.per-session", "5",
                    "bakery.web.limits.cart-writes.per-address", "8",
                    "bakery.web.limits.checkouts.per-session", "2",
                    "bakery.web.limits.checkouts.per-address", "3",
                    "bakery.web.limits.sign-ins.per-address", "6",
                    "bakery.web.limits.sign-in-failures.per-account", "3",
                    "bakery.web.limits.sign-in-failures.per-address", "4",
                    "bakery.web.limits.live-streams.per-session", "2",
                    "bakery.web.limits.live-streams.per-node", "3");
            Map<String, String> config = new HashMap<>();
            // the test profile's own values (%test.*) would otherwise win over plain keys
            limits.forEach((key, value) -> {
                config.put(key, value);
                config.put("%test." + key, value);
            });
            String hash = BcryptUtil.bcryptHash(PASSWORD, 4);
            for (String baker : List.of("baker-guessed", "baker-elsewhere", "baker-busy")) {
                config.put("bakery.staff.users." + baker + ".password-hash", hash);
                config.put("bakery.staff.users." + baker + ".roles", "staff");
            }
            return config;
        }
    }

    @TestHTTPResource("/")
    URL node;

    @Test
    void cartWritesBeyondTheSessionsAllowanceAreRefusedWithRetryAfterAndChangeNothing() {
        String from = address();
        Shopper shopper = new Shopper(node.toString());
        // the first line opens the session (it counts against the address only), then five more
        for (int i = 0; i < 6; i++) {
            assertThat(shopper.addToCart("croissant", 1, forwardedFor(from)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = shopper.addToCart("croissant", 1, forwardedFor(from));

        assertTooManyRequests(refused, Duration.ofMinutes(1));
        assertThat(Shopper.json(refused).get("detail").asText()).contains("changes to a cart", "try again in");
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(6);
    }

    @Test
    void cartWritesFromOneAddressStopAtTheAddressAllowanceWhateverTheSession() {
        String from = address();
        for (int i = 0; i < 4; i++) {
            Shopper shopper = new Shopper(node.toString());
            assertThat(shopper.addToCart("pretzel", 1, forwardedFor(from)).statusCode()).isEqualTo(200);
            assertThat(shopper.addToCart("pretzel", 1, forwardedFor(from)).statusCode()).isEqualTo(200);
        }
        assertTooManyRequests(new Shopper(node.toString()).addToCart("pretzel", 1, forwardedFor(from)), Duration.ofMinutes(1));
        assertThat(new Shopper(node.toString()).addToCart("pretzel", 1, forwardedFor(address())).statusCode())
                .as("someone at another address").isEqualTo(200);
    }

    @Test
    void checkoutsArePerSessionAndPerAddressAndARetryCountsToo() {
        String from = address();
        Shopper ada = new Shopper(node.toString());
        ada.addToCart("macaron", 1, forwardedFor(from));
        String key = "limit-" + UUID.randomUUID();
        assertThat(checkout(ada, key, from).statusCode()).isEqualTo(202);
        assertThat(checkout(ada, key, from).statusCode()).as("a retry").isEqualTo(202);
        HttpResponse<String> third = checkout(ada, key, from);
        assertTooManyRequests(third, Duration.ofMinutes(10));
        assertThat(Shopper.json(third).get("detail").asText()).contains("checkouts");

        Shopper bob = new Shopper(node.toString());
        bob.addToCart("macaron", 1, forwardedFor(from));
        assertThat(checkout(bob, "limit-" + UUID.randomUUID(), from).statusCode()).isEqualTo(202);
        assertTooManyRequests(checkout(bob, "limit-" + UUID.randomUUID(), from), Duration.ofMinutes(10));
    }

    @Test
    void oneAccountGuessedFromManyAddressesIsRefusedFromEveryAddressEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = signIn("baker-guessed", "guess-" + i, address());
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("/signin?error");
        }
        HttpResponse<String> script = signIn("baker-guessed", PASSWORD, address());
        assertTooManyRequests(script, Duration.ofMinutes(15));
        assertThat(Shopper.json(script).get("field").asText()).isEqualTo("j_username");
        assertThat(script.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("FADU_STAFF="));

        HttpResponse<String> browser = signIn("baker-guessed", PASSWORD, address(), "Accept", "text/html");
        assertThat(browser.statusCode()).isEqualTo(429);
        assertThat(browser.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(browser.body()).contains("data-testid=\"signin-throttled\"", "Too many sign-in attempts");

        assertThat(signIn("baker-elsewhere", PASSWORD, address()).headers().allValues("Set-Cookie"))
                .as("another account is not held up").anyMatch(c -> c.startsWith("FADU_STAFF="));
    }

    @Test
    void oneAddressTryingManyAccountsKnownOrNotIsRefused() {
        String from = address();
        for (String user : List.of("nobody-1", "nobody-2", "baker-elsewhere", "nobody-3")) {
            assertThat(signIn(user, "guess", from).statusCode()).isEqualTo(302);
        }
        assertTooManyRequests(signIn("baker-elsewhere", PASSWORD, from), Duration.ofMinutes(15));
        assertThat(signIn("baker-elsewhere", PASSWORD, address()).headers().allValues("Set-Cookie"))
                .as("the same account from another address").anyMatch(c -> c.startsWith("FADU_STAFF="));
    }

    @Test
    void signInAttemptsFromOneAddressAreBoundedEvenWhenTheySucceed() {
        String from = address();
        for (int i = 0; i < 6; i++) {
            assertThat(signIn("baker-busy", PASSWORD, from).statusCode()).isEqualTo(302);
        }
        assertTooManyRequests(signIn("baker-busy", PASSWORD, from), Duration.ofMinutes(1));
    }

    @Test
    void failedSignInsAreLoggedWithTheAddressAndTheUserNeverThePassword() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("bakery.web.security.SignInThrottle");
        logger.addHandler(capture);
        try {
            String from = address();
            signIn("nobody-logged", "secret-guess-42", from);
            Await.untilAsserted("the failure logged", () -> assertThat(lines).anySatisfy(
                    line -> assertThat(line).contains("sign-in failed", "nobody-logged", from)));
            assertThat(lines).noneMatch(line -> line.contains("secret-guess-42"));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void liveStreamsAreCappedPerSessionAndPerNodeAndAClosedOneFreesItsPlace() {
        Customer ada = customerWithAnOrder();
        Customer bob = customerWithAnOrder();

        try (SseStream first = open(ada); SseStream second = open(ada)) {
            try (SseStream third = ada.shopper().stream(ada.events(), null)) {
                assertThat(third.status()).as("a third stream of one session").isEqualTo(429);
            }
            try (SseStream bobs = open(bob)) {
                try (SseStream overNode = bob.shopper().stream(bob.events(), null)) {
                    assertThat(overNode.status()).as("a fourth stream on the node").isEqualTo(429);
                }
                first.close();
                try (SseStream again = Await.until("a place freed by the closed stream",
                        () -> bob.shopper().stream(bob.events(), null), AbuseLimitsIT::openOrClosed)) {
                    Await.untilAsserted("its snapshot", () -> assertThat(again.events()).isNotEmpty());
                }
            }
        }
    }

    /** A customer and the order their session placed. */
    record Customer(Shopper shopper, String orderId) {
        String events() {
            return "/api/orders/" + orderId + "/events";
        }
    }

    private Customer customerWithAnOrder() {
        String from = address();
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 1, forwardedFor(from));
        HttpResponse<String> placed = checkout(shopper, "stream-" + UUID.randomUUID(), from);
        assertThat(placed.statusCode()).isEqualTo(202);
        return new Customer(shopper, Shopper.json(placed).get("orderId").asText());
    }

    /** True for a stream that opened; one that was refused is closed at once. */
    private static boolean openOrClosed(SseStream stream) {
        if (stream.status() == 200) {
            return true;
        }
        stream.close();
        return false;
    }

    private static SseStream open(Customer customer) {
        SseStream stream = customer.shopper().stream(customer.events(), null);
        assertThat(stream.status()).isEqualTo(200);
        Await.untilAsserted("the order's snapshot", () -> assertThat(stream.events()).isNotEmpty());
        return stream;
    }

    private HttpResponse<String> signIn(String user, String password, String from, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Forwarded-For";
        all[1] = from;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return new Shopper(node.toString()).postForm("/j_security_check", Map.of("j_username", user, "j_password", password),
                all);
    }

    private static HttpResponse<String> checkout(Shopper shopper, String key, String from) {
        return shopper.checkout(key, "Ada", "ada@example.org", PICKUP, "X-Forwarded-For", from);
    }

    private static void assertTooManyRequests(HttpResponse<String> response, Duration atMost) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, atMost.toSeconds());
        JsonNode body = Shopper.json(response);
        assertThat(body.get("title").asText()).isEqualTo("too many requests");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("detail").asText()).contains("try again in");
    }

    private static String[] forwardedFor(String address) {
        return new String[] { "X-Forwarded-For", address };
    }

    /** A customer address of this test alone (TEST-NET and private ranges are never real customers). */
    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
}
