package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

import bakery.testkit.Await;
import bakery.testkit.ForgedStaffCookie;
import bakery.testkit.routes.Knock;
import bakery.testkit.routes.WebRoutes;

/**
 * The bakery from {@code ./bakery up} with two web nodes, as a stranger on the network sees it
 * through the balancer. One stack for both groups of checks: what they need of it is the same, and a
 * stack takes about a minute to start and stop.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class StrangersThroughTheBalancerIT {

    static final int OFFSET = 22000;
    /**
     * Failed sign-ins per address below sign-in attempts per address (defaults 50 per 15 min and 30 per minute), so that
     * {@code oneAddressTryingManyAccountsIsHeld} meets the failures' hold (about 45 s), not the attempts' one (a place
     * again every 2 s, which the right password a moment later could get: that test failed so once in CI).
     */
    static final int SIGN_IN_FAILURES_PER_ADDRESS = 20;
    static final BakeryCli BAKERY = BakeryCli.stack("strangers-it", OFFSET,
            Map.of("OVEN_SPEED_FACTOR", "0.05", "LIMIT_SIGN_IN_FAILURES_PER_ADDRESS",
                    Integer.toString(SIGN_IN_FAILURES_PER_ADDRESS), "LIMIT_SIGN_INS_PER_ADDRESS", "100"),
            Duration.ofMinutes(6));
    static final String BALANCER = "http://127.0.0.1:" + BAKERY.port(8080);
    static final String BASE = "http://localhost:" + BAKERY.port(8080);
    static final Path WEB_TIER_CLASSES = BakeryCli.ROOT.resolve("web-tier/target/classes");
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION_COOKIE = Pattern.compile("FADU_SESSION=([^;]+)");
    /** The web tier's defaults, which the local stack keeps (docs/security.md). */
    static final int LIVE_STREAMS_PER_SESSION = 10;
    static final int SIGN_IN_FAILURES_PER_ACCOUNT = 10;
    static final Duration ORDER_READY = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void up() throws Exception {
        BAKERY.deleteHome();
        BAKERY.succeeds("up", "--web", "2", "--orders", "1", "--baking", "1", "--notify", "1", "--no-prometheus");
        // Ready nodes may still wait for their first catalog from a busy machine's order-service (503 meanwhile):
        // the checks below start once the shop serves it, as a customer would find it.
        Await.within(ORDER_READY, "the catalog through the balancer").pollInterval(Duration.ofMillis(500)).until(() -> HTTP
                .send(HttpRequest.newBuilder(URI.create(BALANCER + "/api/catalog")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    @AfterAll
    static void down() throws Exception {
        BAKERY.succeeds("down");
    }

    /**
     * No staff or ops route (every one the web tier has, read from its compiled resources) answers a
     * stranger or a customer under any path trick; nginx refuses the tricks itself and keeps
     * {@code /q/*} to itself; a staff cookie forged with the key the repository once shipped opens
     * nothing on any node, while the stack's own key (made for this stack home, mode 600) is the one
     * its nodes use: a real sign-in's cookie sealed again under it gets in, under the old key it does not.
     * First: its one staff sign-in must come before the sign-in limits the strangers below trip.
     */
    @Nested
    @Order(1)
    class StrangersStayOut {

        @Test
        void noStaffRouteLetsAStrangerOrACustomerInThroughTheBalancerUnderAnyTrick() throws Exception {
            List<Knock.Visitor> visitors = List.of(Knock.Visitor.stranger(), customer());

            assertThat(Knock.breakIns(BALANCER, WebRoutes.in(WEB_TIER_CLASSES), visitors)).isEmpty();
        }

        @Test
        void theBalancerRefusesPathTricksItselfWithAProblemBodyAndNamesNoVersion() throws Exception {
            for (String path : List.of("/api;x/ops/snapshot", "/board;jsessionid=1", "/api%2Fops/snapshot",
                    "/api/%2e/ops/snapshot",
                    "/x/../board", "//board")) {
                HttpResponse<String> refused = get(BALANCER + path, null);
                assertThat(refused.statusCode()).as(path).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(path)
                        .startsWith("application/problem+json");
                // nginx's own answer, not a node's: no node names itself in it.
                assertThat(refused.headers().firstValue("X-Served-By")).as(path).isEmpty();
                assertThat(refused.headers().firstValue("Server").orElse("")).as(path).doesNotContainPattern("[0-9]");
            }
        }

        @Test
        void metricsAndHealthAreNotFoundThroughTheBalancer() throws Exception {
            for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q")) {
                HttpResponse<String> answer = get(BALANCER + path, null);
                assertThat(answer.statusCode()).as(path).isEqualTo(404);
                assertThat(answer.body()).as(path).doesNotContain("bakery_orders", "\"UP\"", "openapi");
            }
        }

        @Test
        void aStaffCookieForgedWithTheOldDemoKeyOpensNothingOnAnyNodeTheStacksOwnKeyDoes() throws Exception {
            Path keyFile = BAKERY.home().resolve("secrets/cookie-key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String stackKey = Files.readString(keyFile).strip();
            assertThat(stackKey).isNotEqualTo(ForgedStaffCookie.OLD_DEMO_KEY);

            String oldKeyCookie = "FADU_STAFF="
                    + ForgedStaffCookie.value(ForgedStaffCookie.OLD_DEMO_KEY, "ops", Duration.ofHours(1));
            // A real sign-in's cookie, read with the stack's key and sealed again under each key: the
            // words are a live staff session's, so the key is all that differs.
            String signedIn = ForgedStaffCookie.open(stackKey, signIn("ops", "ops-demo"));
            String resealedOld = "FADU_STAFF=" + ForgedStaffCookie.seal(ForgedStaffCookie.OLD_DEMO_KEY, signedIn);
            String resealedStack = "FADU_STAFF=" + ForgedStaffCookie.seal(stackKey, signedIn);
            List<String> entrances = new ArrayList<>(List.of(BALANCER));
            for (JsonNode node : BakeryCli.instances(BAKERY.status())) {
                if (node.get("service").asText().equals("web-tier")) {
                    entrances.add("http://127.0.0.1:" + node.get("port").asInt());
                }
            }
            assertThat(entrances).hasSize(3);
            for (String entrance : entrances) {
                for (String refused : List.of(oldKeyCookie, resealedOld)) {
                    HttpResponse<String> forged = get(entrance + "/api/ops/snapshot", refused);
                    assertThat(forged.statusCode()).as("old demo key at %s", entrance).isEqualTo(302);
                    assertThat(forged.headers().firstValue("Location").orElse("")).endsWith("/signin");
                }
                assertThat(get(entrance + "/api/ops/snapshot", resealedStack).statusCode()).as("stack key at %s", entrance)
                        .isEqualTo(200);
            }
        }

        /** Signs in through the balancer as a script would (no Origin header) and returns the sign-in cookie. */
        private static String signIn(String user, String password) throws Exception {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(BALANCER + "/j_security_check"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher cookie = Pattern.compile("FADU_STAFF=([^;]+)")
                    .matcher(String.join(";", answer.headers().allValues("Set-Cookie")));
            assertThat(cookie.find()).as("a sign-in cookie (%s)", answer.statusCode()).isTrue();
            return cookie.group(1);
        }

        /** A customer: the first cart line opens their session; the catalog page then carries its form token. */
        private static Knock.Visitor customer() throws Exception {
            HttpResponse<String> firstLine = HTTP.send(HttpRequest.newBuilder(URI.create(BALANCER + "/api/cart/items"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"pretzel\",\"quantity\":1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher session = SESSION_COOKIE.matcher(String.join(";", firstLine.headers().allValues("Set-Cookie")));
            assertThat(session.find()).as("a session cookie from the first cart line (%s)", firstLine.statusCode()).isTrue();
            HttpResponse<String> catalog = get(BALANCER + "/", "FADU_SESSION=" + session.group(1));
            Matcher csrf = CSRF_FIELD.matcher(catalog.body());
            assertThat(csrf.find()).as("a form token on the catalog page").isTrue();
            return new Knock.Visitor("customer", "FADU_SESSION=" + session.group(1), csrf.group(1));
        }

        private static HttpResponse<String> get(String url, String cookie) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Browsing opens no session; one Idempotency-Key from two customers is two orders, both baked, and
     * the same key for another cart is refused; one customer's live streams are capped across both
     * nodes; a staff cookie kept after sign-out is refused by every node; and guessed passwords are
     * held per account (whatever address the client claims: the balancer names it) and per address.
     * Many addresses guessing one account cannot come through one balancer: that case is web-tier's
     * AbuseLimitsIT.
     */
    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class StrangersAreHeldOff {

        @Test
        @Order(1)
        void browsingThroughTheBalancerOpensNoSession() throws Exception {
            Browser visitor = new Browser();
            for (String page : List.of("/", "/api/catalog", "/cart", "/signin")) {
                assertThat(visitor.get(page).statusCode()).as(page).isEqualTo(200);
            }
            assertThat(visitor.cookies).doesNotContainKey("FADU_SESSION").containsKey("FADU_CSRF");
        }

        @Test
        @Order(2)
        void oneKeyFromTwoCustomersIsTwoOrdersBothBakedAndTheKeyForAnotherCartIsRefused() throws Exception {
            String key = "shared-" + UUID.randomUUID();
            Browser ada = new Browser();
            Browser bob = new Browser();
            assertThat(ada.addToCart("croissant").statusCode()).isEqualTo(200);
            assertThat(bob.addToCart("croissant").statusCode()).isEqualTo(200);

            String adaOrder = orderId(ada.checkout(key));
            String bobOrder = orderId(bob.checkout(key));
            assertThat(bobOrder).isNotEqualTo(adaOrder);

            // another cart (the same one again would be the same order)
            ada.addToCart("baguette");
            HttpResponse<String> reused = ada.checkout(key);
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(reused.body()).get("field").asText()).isEqualTo("idempotencyKey");

            for (Object[] order : List.of(new Object[] { ada, adaOrder }, new Object[] { bob, bobOrder })) {
                Browser who = (Browser) order[0];
                Await.within(ORDER_READY, "order " + order[1] + " READY").until(
                        () -> who.get("/api/orders/" + order[1]).body().contains("\"READY\""));
            }
        }

        @Test
        @Order(3)
        void oneCustomersLiveStreamsAreCappedAcrossBothNodes() throws Exception {
            Browser customer = new Browser();
            customer.addToCart("croissant");
            String orderId = orderId(customer.checkout("streams-" + UUID.randomUUID()));
            List<CompletableFuture<HttpResponse<Stream<String>>>> open = new ArrayList<>();
            try {
                Set<String> nodes = new HashSet<>();
                for (int i = 0; i < LIVE_STREAMS_PER_SESSION; i++) {
                    CompletableFuture<HttpResponse<Stream<String>>> stream = customer
                            .stream("/api/orders/" + orderId + "/events");
                    open.add(stream);
                    HttpResponse<Stream<String>> response = stream.get();
                    assertThat(response.statusCode()).as("stream %d", i).isEqualTo(200);
                    nodes.add(response.headers().firstValue("X-Served-By").orElseThrow());
                }
                assertThat(nodes).as("streams spread over both web nodes by the balancer").hasSize(2);
                CompletableFuture<HttpResponse<Stream<String>>> beyond = customer.stream("/api/orders/" + orderId + "/events");
                open.add(beyond);
                HttpResponse<Stream<String>> refused = beyond.get();
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body().collect(Collectors.joining())).contains("too many live pages");
            } finally {
                open.forEach(s -> s.thenAccept(r -> r.body().close()).cancel(true));
            }
        }

        @Test
        @Order(4)
        void aStaffCookieKeptAfterSignOutIsRefusedByEveryNode() throws Exception {
            Browser staff = new Browser();
            assertThat(staff.signIn("staff", "staff-demo").headers().firstValue("Location").orElseThrow()).endsWith("/board");
            assertThat(staff.get("/board").statusCode()).isEqualTo(200);
            String kept = staff.cookies.get("FADU_STAFF");

            assertThat(staff.postForm("/signout", Map.of("csrf", staff.csrfToken())).statusCode()).isEqualTo(303);

            Set<String> refusedBy = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                Browser thief = new Browser();
                thief.cookies.put("FADU_STAFF", kept);
                HttpResponse<String> board = thief.get("/board");
                assertThat(board.statusCode()).isEqualTo(302);
                assertThat(board.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
                refusedBy.add(board.headers().firstValue("X-Served-By").orElseThrow());
            }
            assertThat(refusedBy).as("nodes that refused the kept cookie").hasSize(2);
        }

        @Test
        @Order(5)
        void guessingOneAccountsPasswordIsHeldWhateverAddressTheClientClaims() throws Exception {
            for (int i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT; i++) {
                HttpResponse<String> guess = new Browser().signIn("staff", "guess-" + i, "X-Forwarded-For",
                        "198.51.100." + (i + 1));
                assertThat(guess.headers().firstValue("Location").orElseThrow()).contains("/signin?error");
            }
            HttpResponse<String> held = new Browser().signIn("staff", "staff-demo", "X-Forwarded-For", "203.0.113.77");
            assertThat(held.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(held.body()).contains("too many sign-in attempts");
            assertThat(new Browser().signIn("ops", "ops-demo").headers().firstValue("Location").orElseThrow())
                    .as("another account from the same address").endsWith("/board");
        }

        @Test
        @Order(6)
        void oneAddressTryingManyAccountsIsHeld() throws Exception {
            int failures = 0;
            HttpResponse<String> answer = null;
            for (int i = 0; i < 60; i++) {
                answer = new Browser().signIn("nobody-" + i, "guess");
                if (answer.statusCode() == 429) {
                    break;
                }
                assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/signin?error");
                failures++;
            }
            assertThat(answer.statusCode()).as("after %d failures from one address", failures).isEqualTo(429);
            // this test's and the one before's, from the same address: held at the limit at the latest
            assertThat(failures).isLessThanOrEqualTo(SIGN_IN_FAILURES_PER_ADDRESS);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(new Browser().signIn("ops", "ops-demo").statusCode()).as("even the right password, from this address")
                    .isEqualTo(429);
        }

        private static String orderId(HttpResponse<String> checkout) throws IOException {
            assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(202);
            return JSON.readTree(checkout.body()).get("orderId").asText();
        }
    }

    /** A browser through the balancer: keeps the cookies the bakery sets. */
    static final class Browser {

        final Map<String, String> cookies = new ConcurrentHashMap<>();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).GET());
        }

        HttpResponse<String> addToCart(String sku) throws IOException, InterruptedException {
            return send(request("/api/cart/items").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"quantity\":1}")));
        }

        HttpResponse<String> checkout(String key) throws IOException, InterruptedException {
            String body = JSON.writeValueAsString(Map.of("name", "Ada", "email", "ada@example.com", "pickupAt",
                    Instant.now().plus(7, ChronoUnit.DAYS).toString()));
            return send(request("/api/checkout").header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> signIn(String user, String password, String... headers) throws IOException, InterruptedException {
            return postForm("/j_security_check", Map.of("j_username", user, "j_password", password), headers);
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers)
                throws IOException, InterruptedException {
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        String csrfToken() throws IOException, InterruptedException {
            Matcher m = CSRF_FIELD.matcher(get("/").body());
            assertThat(m.find()).as("a form token on the catalog page").isTrue();
            return m.group(1);
        }

        CompletableFuture<HttpResponse<Stream<String>>> stream(String path) {
            return HTTP.sendAsync(request(path).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20));
            if (!cookies.isEmpty()) {
                builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            return builder;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.contains(";") ? header.substring(0, header.indexOf(';')) : header;
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                        cookies.remove(pair.substring(0, eq));
                    } else {
                        cookies.put(pair.substring(0, eq), value);
                    }
                }
            }
            return response;
        }
    }
}
