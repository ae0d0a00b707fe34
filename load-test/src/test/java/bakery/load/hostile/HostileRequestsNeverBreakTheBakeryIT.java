package bakery.load.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import bakery.contracts.Topics;
import bakery.servers.process.Pids;
import bakery.testkit.Await;
import bakery.testkit.ForgedStaffCookie;
import bakery.testkit.KafkaProbe;
import bakery.testkit.routes.Knock;
import bakery.testkit.routes.PathTricks;
import bakery.testkit.routes.WebRoute;
import bakery.testkit.routes.WebRoutes;

/**
 * Hostile customers against a web node (with the rest of the bakery behind it): malformed and
 * oversized JSON, wrong types, absurd quantities, unknown products, tampered headers and cookies,
 * forged session ids, form posts without the CSRF token, path traversal, every staff route under
 * every path trick and with a staff cookie forged with the key the repository once shipped, slow
 * and abandoned live order streams beyond the session's cap, guessed passwords, checkout floods and
 * one Idempotency-Key from two customers; and poison records on every topic a service consumes.
 * Nothing gets a 5xx, no cart changes, every limit answers 429 with Retry-After, the node's memory
 * stays bounded, every poison record ends in its dead-letter topic and the bakery still bakes every
 * order it accepted afterwards. The counts by outcome go to target/hostile-requests.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsNeverBreakTheBakeryIT {

    static final String COOKIE = "FADU_SESSION";
    static final Path WEB_TIER_CLASSES = Path.of("..", "web-tier", "target", "classes");
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The web node runs with -Xmx256m (ServiceProcess); heap, metaspace and threads stay well below this. */
    static final long MAX_RSS_MB = 480;
    static final int ABANDONED_STREAMS = 60;
    static final int SLOW_STREAMS = 20;

    /** HTTP that cannot be parsed (a chunk size that is not hex): the node may close the connection instead of answering. */
    static final String BROKEN_FRAMING = "broken HTTP framing";

    static BakeryUnderAttack bakery;
    static RawHttp http;
    static String victim;
    static String attacker;
    static String victimOrder;

    @BeforeAll
    static void open() {
        bakery = new BakeryUnderAttack();
        http = new RawHttp(bakery.web.httpPort(), TIMEOUT);
        victim = session();
        attacker = session();
        assertThat(json("POST", "/api/cart/items", victim, "{\"sku\":\"croissant\",\"quantity\":2}").status()).isEqualTo(200);
        assertThat(json("POST", "/api/cart/items", attacker, "{\"sku\":\"baguette\",\"quantity\":1}").status()).isEqualTo(200);
        RawHttp.Reply order = checkout(attacker, "setup-" + UUID.randomUUID());
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        victimOrder = orderId(order.body());
    }

    @AfterAll
    static void close() {
        if (bakery != null) {
            bakery.close();
        }
    }

    @Test
    @Order(1)
    void hostileRequestsGetAClear4xxNeverA5xxAndChangeNoCart() throws IOException {
        String cartBefore = cartOf(victim);
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> withoutErrorBody = new ArrayList<>();
        List<String> adopted = new ArrayList<>();
        for (Attack a : attacks()) {
            RawHttp.Reply r = http.send(a.method(), a.path(), a.headers(), a.body());
            byKind.computeIfAbsent(a.kind(), k -> new TreeMap<>()).merge(outcome(r.status()), 1, Integer::sum);
            if (r.status() >= 500 || (r.status() < 0 && !a.kind().equals(BROKEN_FRAMING))) {
                failures.add(a + " -> " + r.status() + " " + abbreviate(r.body()));
            }
            if (a.errorBody() && r.status() >= 400 && r.status() < 500 && !isProblem(r)) {
                withoutErrorBody.add(a + " -> " + r.status() + " " + abbreviate(r.body()));
            }
            if (a.forgedSession() != null && a.forgedSession().equals(r.setCookie(COOKIE))) {
                adopted.add(a.toString());
            }
        }
        report(byKind);

        assertThat(failures).as("hostile requests answered with a 5xx or not at all").isEmpty();
        // Counted and printed here; asserted in jsonOfTheWrongShapeGetsTheProblemBody.
        withoutErrorBody.forEach(w -> System.out.println("4xx without the problem body: " + w));
        assertThat(adopted).as("forged session ids taken over instead of replaced").isEmpty();
        assertThat(cartOf(victim)).as("the victim's cart after the attacks").isEqualTo(cartBefore);
        assertThat(json("GET", "/api/orders/" + victimOrder, victim, null).status()).as("someone else's order").isIn(403, 404);
    }

    /** JSON of the wrong top-level shape or a field of the wrong type still gets the problem body, naming no Java type. */
    @Test
    @Order(4)
    void jsonOfTheWrongShapeGetsTheProblemBody() {
        for (String body : List.of("[]", "\"croissant\"", "[[[]]]", "{\"sku\":\"croissant\",\"quantity\":\"two\"}",
                "{\"sku\":{},\"quantity\":1}", "{\"sku\":")) {
            RawHttp.Reply r = json("POST", "/api/cart/items", attacker, body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(isProblem(r)).as("answer to %s: %s", body, r.body()).isTrue();
            assertThat(r.body()).as("answer to %s", body).doesNotContain("java.", "bakery.", "Exception", "`");
        }
    }

    /**
     * Every staff and ops route of the web tier (read from its compiled resources), at its own
     * address and under every path trick, to a stranger, to a customer with a session and its form
     * token, and to a customer holding a staff cookie forged with the key the repository once
     * shipped: each is turned away with a 4xx or a redirect to the sign-in page, none gets a 5xx.
     */
    @Test
    @Order(5)
    void staffRoutesStayShutUnderPathTricksAndToAForgedStaffCookie() {
        String base = "http://127.0.0.1:" + bakery.web.httpPort();
        String csrf = csrfTokenOf(attacker);
        String forged = ForgedStaffCookie.value(ForgedStaffCookie.OLD_DEMO_KEY, "ops", Duration.ofHours(1));
        List<Knock.Visitor> visitors = List.of(Knock.Visitor.stranger(),
                new Knock.Visitor("customer", COOKIE + "=" + attacker, csrf),
                new Knock.Visitor("forged staff cookie", "FADU_STAFF=" + forged + "; " + COOKIE + "=" + attacker, csrf));

        assertThat(Knock.breakIns(base, WebRoutes.in(WEB_TIER_CLASSES), visitors)).isEmpty();
    }

    @Test
    @Order(2)
    void slowAndAbandonedLiveOrderStreamsAreCappedAndLeaveTheNodeServingWithinBoundedMemory() throws Exception {
        String path = "/api/orders/" + victimOrder + "/events";
        String cartBefore = cartOf(victim);
        List<Socket> streams = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        try {
            for (int i = 0; i < ABANDONED_STREAMS + SLOW_STREAMS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", bakery.web.httpPort()), (int) TIMEOUT.toMillis());
                // Tiny receive buffer: a client that never reads fills it at once.
                s.setReceiveBufferSize(1024);
                s.getOutputStream()
                        .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: "
                                + COOKIE + "=" + attacker + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                streams.add(s);
                // One session's streams are capped: beyond the cap the answer is a 429, never a hanging request.
                s.setSoTimeout((int) TIMEOUT.toMillis());
                answers.merge(new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1), 1, Integer::sum);
            }
            System.out.println("live streams of one session: " + answers);
            assertThat(answers).containsOnlyKeys("HTTP/1.1 200", "HTTP/1.1 429")
                    .containsEntry("HTTP/1.1 200", BakeryUnderAttack.LIVE_STREAMS_PER_SESSION);
            // Half of the open ones just vanish, the others stay open and never read.
            for (int i = 0; i < streams.size(); i += 2) {
                streams.get(i).setSoLinger(true, 0);
                streams.get(i).close();
            }
            for (int i = 0; i < 50; i++) {
                assertThat(json("GET", "/api/catalog", victim, null).status()).as("the catalog while streams hang")
                        .isEqualTo(200);
            }
            assertThat(cartOf(victim)).isEqualTo(cartBefore);
        } finally {
            for (Socket s : streams) {
                s.close();
            }
        }
        long rssMb = Pids.rssKb(bakery.web.pid()).orElseThrow() / 1024;
        System.out.println(
                "web node RSS after the hostile requests and " + streams.size() + " hanging streams: " + rssMb + " MB");
        assertThat(rssMb).isLessThanOrEqualTo(MAX_RSS_MB);
        Await.untilAsserted("the node answers after the streams are gone",
                () -> assertThat(json("GET", "/api/cart", victim, null).status()).isEqualTo(200));
        Await.untilAsserted("the session's places are given back once its streams are gone", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", bakery.web.httpPort()), (int) TIMEOUT.toMillis());
                s.setSoTimeout((int) TIMEOUT.toMillis());
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                        + "Cookie: " + COOKIE + "=" + attacker + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1))
                        .isEqualTo("HTTP/1.1 200");
            }
        });
    }

    @Test
    @Order(3)
    void poisonOnEveryConsumedTopicEndsInItsDeadLetterTopicAndOrdersStillBake() throws Exception {
        List<String> consumed = List.of(Topics.ORDERS_PLACED, Topics.ORDERS_COMMANDS, Topics.BAKE_EVENTS, Topics.BAKE_REQUESTS,
                Topics.ORDERS_STATUS);
        Map<String, String> poisons = new LinkedHashMap<>();
        poisons.put("not-json", "this is not json {");
        poisons.put("wrong-types", "{\"schemaVersion\":\"one\",\"orderId\":42,\"lines\":\"many\"}");
        poisons.put("missing-fields", "{\"schemaVersion\":1}");
        try (KafkaProbe kafka = new KafkaProbe(bakery.kafka.bootstrapServers())) {
            for (String topic : consumed) {
                kafka.ensureTopic(Topics.deadLetter(topic), 1);
                poisons.forEach((name, value) -> kafka.send(topic, "poison-" + name + "-" + topic, value));
            }
            for (String topic : consumed) {
                List<String> keys = poisons.keySet().stream().map(n -> "poison-" + n + "-" + topic).toList();
                Await.within(Duration.ofSeconds(60), "every poison record of " + topic + " on " + Topics.deadLetter(topic))
                        .untilAsserted(() -> assertThat(kafka.readAll(Topics.deadLetter(topic)))
                                .filteredOn(r -> keys.contains(r.key()))
                                .extracting(r -> r.key())
                                .containsAll(keys));
                assertThat(kafka.readAll(Topics.deadLetter(topic))).filteredOn(r -> keys.contains(r.key()))
                        .allSatisfy(r -> assertThat(KafkaProbe.header(r, Topics.DLQ_REASON_HEADER)).as("reason of " + r.key())
                                .isNotBlank());
            }
        }
        String customer = session();
        assertThat(json("POST", "/api/cart/items", customer, "{\"sku\":\"croissant\",\"quantity\":1}").status()).isEqualTo(200);
        RawHttp.Reply placed = checkout(customer, "after-poison-" + UUID.randomUUID());
        assertThat(placed.status()).isEqualTo(202);
        String id = orderId(placed.body());
        Await.within(Duration.ofSeconds(90), "the order placed after the poison is READY").until(
                () -> json("GET", "/api/orders/" + id, customer, null).body().contains("\"READY\""));
    }

    @Test
    @Order(5)
    void strangersWhoRepeatThemselvesGetA429AndNoOrderIsLostOrMixedUp() {
        // Guessing one staff password, each guess claiming another address: the account is held, not the address.
        String form = "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n";
        for (int i = 0; i < BakeryUnderAttack.SIGN_IN_FAILURES_PER_ACCOUNT; i++) {
            RawHttp.Reply guess = http.send("POST", "/j_security_check",
                    form + "X-Forwarded-For: 198.51.100." + (i + 1) + "\r\n",
                    bytes("j_username=staff&j_password=guess-" + i));
            assertThat(guess.status()).as("guess %d", i).isEqualTo(302);
        }
        RawHttp.Reply held = http.send("POST", "/j_security_check", form + "X-Forwarded-For: 198.51.100.99\r\n",
                bytes("j_username=staff&j_password=staff-demo"));
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.head()).containsIgnoringCase("Retry-After:");
        assertThat(held.body()).contains("\"title\":\"too many requests\"", "try again in");
        assertThat(held.setCookie("FADU_STAFF")).isNull();

        // Checking out again and again from one session: one order, then clear refusals, nothing lost.
        String flooder = session();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BakeryUnderAttack.CHECKOUTS_PER_SESSION + 5; i++) {
            statuses.add(checkout(flooder, "flood-" + i).status());
        }
        assertThat(statuses).containsOnly(202, 400, 429).containsOnlyOnce(202).endsWith(429);

        // Two customers who happen to send the same Idempotency-Key: two orders, each baked.
        String key = "same-key-" + UUID.randomUUID();
        String ada = session();
        String bob = session();
        json("POST", "/api/cart/items", bob, "{\"sku\":\"croissant\",\"quantity\":2}");
        RawHttp.Reply adas = checkout(ada, key);
        RawHttp.Reply bobs = checkout(bob, key);
        assertThat(adas.status()).isEqualTo(202);
        assertThat(bobs.status()).isEqualTo(202);
        String adaOrder = orderId(adas.body());
        String bobOrder = orderId(bobs.body());
        assertThat(bobOrder).isNotEqualTo(adaOrder);
        // The same key again for another cart is a different order, refused; the new cart stays.
        json("POST", "/api/cart/items", ada, "{\"sku\":\"baguette\",\"quantity\":1}");
        RawHttp.Reply reused = checkout(ada, key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).contains("\"title\":\"unprocessable request\"", "different cart");
        assertThat(cartOf(ada)).contains("baguette");
        for (String[] order : List.of(new String[] { ada, adaOrder }, new String[] { bob, bobOrder })) {
            Await.within(Duration.ofSeconds(90), "order " + order[1] + " is READY").until(
                    () -> json("GET", "/api/orders/" + order[1], order[0], null).body().contains("\"READY\""));
        }
    }

    // ---- the attacks ------------------------------------------------------------------------------

    /** One hostile request. {@code errorBody}: a 4xx must carry the JSON error body. */
    record Attack(String kind, String method, String path, String headers, byte[] body, boolean errorBody,
            String forgedSession) {
        @Override
        public String toString() {
            return kind + ": " + method + " " + abbreviate(path)
                    + (body == null ? "" : " " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
    }

    static List<Attack> attacks() {
        List<Attack> all = new ArrayList<>();
        String json = "Content-Type: application/json\r\n";
        String me = "Cookie: " + COOKIE + "=" + attacker + "\r\n";
        String key = "Idempotency-Key: hostile-" + UUID.randomUUID() + "\r\n";
        String pickup = Instant.now().plus(7, ChronoUnit.DAYS).toString();
        List<String[]> endpoints = List.of(new String[] { "POST", "/api/cart/items" },
                new String[] { "PUT", "/api/cart/items/croissant" },
                new String[] { "POST", "/api/checkout" });
        List<String> malformed = List.of("{", "{\"sku\":", "[]", "null", "\"croissant\"",
                "{\"sku\":\"croissant\",\"quantity\":1}}}",
                "\u0000\u0001\u0002", "{\"sku\":\"croissant\",\"quantity\":1,}", "\uFEFF{\"sku\":\"croissant\",\"quantity\":1}",
                "{'sku':'croissant','quantity':1}", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "");
        for (String[] e : endpoints) {
            for (String body : malformed) {
                all.add(new Attack("malformed JSON", e[0], e[1], json + me + key, bytes(body), true, null));
            }
            all.add(new Attack("oversized JSON", e[0], e[1], json + me + key,
                    bytes("{\"sku\":\"" + "x".repeat(2_000_000) + "\",\"quantity\":1}"), false, null));
            all.add(new Attack("oversized JSON", e[0], e[1], json + me + key, bytes(" ".repeat(5_000_000) + "{}"), false,
                    null));
            all.add(new Attack("oversized JSON", e[0], e[1], json + me + key, bytes("[" + "1,".repeat(1_000_000) + "1]"), false,
                    null));
        }
        List<String> quantities = List.of("\"two\"", "1.5", "true", "[1]", "{\"n\":1}", "null", "-1", "0", "51", "2147483647",
                "2147483648",
                "-2147483648", "99999999999999999999", "1e308", "-0", "\"\"");
        for (String q : quantities) {
            String kind = q.startsWith("\"") || q.startsWith("[") || q.startsWith("{") || q.equals("true") || q.equals("null")
                    || q.equals("1.5") ? "wrong types" : "negative and huge quantities";
            all.add(new Attack(kind, "POST", "/api/cart/items", json + me,
                    bytes("{\"sku\":\"croissant\",\"quantity\":" + q + "}"), true, null));
            all.add(new Attack(kind, "PUT", "/api/cart/items/croissant", json + me, bytes("{\"quantity\":" + q + "}"), true,
                    null));
        }
        for (String sku : List.of("123", "null", "[]", "{}", "true")) {
            all.add(new Attack("wrong types", "POST", "/api/cart/items", json + me,
                    bytes("{\"sku\":" + sku + ",\"quantity\":1}"), true, null));
        }
        for (String form : List.of("{\"name\":5,\"email\":\"a@example.com\",\"pickupAt\":\"" + pickup + "\"}",
                "{\"name\":\"A\",\"email\":[],\"pickupAt\":\"" + pickup + "\"}",
                "{\"name\":\"A\",\"email\":\"a@example.com\",\"pickupAt\":\"tomorrow\"}",
                "{\"name\":\"A\",\"email\":\"a@example.com\",\"pickupAt\":123}",
                "{\"name\":\"A\",\"email\":\"a@example.com\",\"pickupAt\":\"2001-01-01T00:00:00Z\"}",
                "{\"name\":\"" + "n".repeat(10_000) + "\",\"email\":\"a@example.com\",\"pickupAt\":\"" + pickup + "\"}",
                "{\"name\":\"A\",\"email\":\"not an email\",\"pickupAt\":\"" + pickup + "\"}")) {
            all.add(new Attack("wrong types", "POST", "/api/checkout", json + me + key, bytes(form), true, null));
        }
        for (String sku : List.of("nope", "../../etc/passwd", "' OR '1'='1", "<script>alert(1)</script>", "", " ",
                "a".repeat(300),
                "croissant\\u0000", "croiss\u00e4nt", "CROISSANT", "%00")) {
            all.add(new Attack("unknown products", "POST", "/api/cart/items", json + me,
                    bytes("{\"sku\":\"" + sku + "\",\"quantity\":1}"), true, null));
        }
        for (String path : List.of("nope", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1", "%3Cscript%3E", "a".repeat(2000))) {
            all.add(new Attack("unknown products", "PUT", "/api/cart/items/" + path, json + me, bytes("{\"quantity\":1}"), true,
                    null));
            all.add(new Attack("unknown products", "DELETE", "/api/cart/items/" + path, me, null, false, null));
        }
        String add = "{\"sku\":\"croissant\",\"quantity\":1}";
        for (String header : List.of("Content-Type: text/plain\r\n", "Content-Type: application/xml\r\n", "",
                "Content-Type: garbage\r\n",
                "Content-Type: application/json; charset=utf-16\r\n", json + "Content-Type: text/html\r\n",
                json + "X-Junk: " + "j".repeat(32_000) + "\r\n",
                json + "Junk header without colon\r\n", json + "X-Forwarded-Proto: javascript:alert(1)\r\n",
                json + "X-Forwarded-For: ;;;;\r\n",
                json + "Accept: */*;q=garbage\r\n", json + "Expect: 100-continue-please\r\n")) {
            all.add(new Attack("header tampering", "POST", "/api/cart/items", header + me, bytes(add), false, null));
        }
        for (String k : List.of("", "short", "k".repeat(200), "../../x", "key with space", "schl\u00fcssel-123456",
                "key\u0000zero")) {
            all.add(new Attack("header tampering", "POST", "/api/checkout", json + me + "Idempotency-Key: " + k + "\r\n",
                    bytes("{\"name\":\"A\",\"email\":\"a@example.com\",\"pickupAt\":\"" + pickup + "\"}"), true, null));
        }
        // Both a length and chunked encoding (the request-smuggling shape), the chunks themselves well formed.
        all.add(new Attack("header tampering", "POST", "/api/cart/items", json + me + "Transfer-Encoding: chunked\r\n",
                bytes(Integer.toHexString(add.length()) + "\r\n" + add + "\r\n0\r\n\r\n"), false, null));
        all.add(new Attack(BROKEN_FRAMING, "POST", "/api/cart/items", json + me + "Transfer-Encoding: chunked\r\n",
                bytes("zz\r\n" + add + "\r\n0\r\n\r\n"), false, null));
        all.add(new Attack("header tampering", "POST", "/api/checkout", json + me,
                bytes("{\"name\":\"A\",\"email\":\"a@example.com\",\"pickupAt\":\"" + pickup + "\"}"), true, null));
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (String value : List.of("", forged, "Zm9yZ2VkLXNlc3Npb24taWQtdGhhdC1sb29rcy1yZWFs", "x".repeat(4000), "\"quoted\"",
                "a%3Bb",
                "../../etc/passwd", attacker.substring(0, attacker.length() - 1) + (attacker.endsWith("A") ? "B" : "A"))) {
            all.add(new Attack("cookie tampering", "GET", "/api/cart", "Cookie: " + COOKIE + "=" + value + "\r\n", null, false,
                    value.isEmpty() ? null : value));
            all.add(new Attack("cookie tampering", "POST", "/api/cart/items", json + "Cookie: " + COOKIE + "=" + value + "\r\n",
                    bytes(add), false, value.isEmpty() ? null : value));
        }
        all.add(new Attack("cookie tampering", "GET", "/api/cart",
                "Cookie: " + COOKIE + "=" + forged + "; " + COOKIE + "=" + attacker + "\r\n", null, false, forged));
        all.add(new Attack("cookie tampering", "GET", "/api/cart", "Cookie: ;;;==;" + COOKIE + "\r\n", null, false, null));
        String victimCookie = "Cookie: " + COOKIE + "=" + victim + "\r\n";
        String formType = "Content-Type: application/x-www-form-urlencoded\r\n";
        for (String[] form : List.of(new String[] { "/cart/items", "sku=croissant&quantity=40" },
                new String[] { "/cart/items/croissant", "quantity=40" },
                new String[] { "/cart/items/croissant/remove", "" },
                new String[] { "/checkout", "name=A&email=a%40example.com&pickupAt=2099-01-01T10%3A00" })) {
            all.add(new Attack("missing CSRF token", "POST", form[0], formType + victimCookie + key, bytes(form[1]), false,
                    null));
            all.add(new Attack("missing CSRF token", "POST", form[0],
                    formType + victimCookie + "X-CSRF-Token: forged\r\n" + key, bytes(form[1]), false, null));
            all.add(new Attack("missing CSRF token", "POST", form[0], formType + victimCookie + key,
                    bytes(form[1] + "&csrf=forged"), false, null));
        }
        for (String path : List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/bakery.css/../../../etc/passwd",
                "/META-INF/resources/bakery.css", "/application.properties", "/q/../application.properties",
                "/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini",
                "/api/orders/..%2F..%2Fetc%2Fpasswd", "/api/orders/not-a-uuid", "/api/orders/" + UUID.randomUUID(),
                "/api/orders/" + UUID.randomUUID() + "/events", "/orders/../../../etc/passwd", "/api/cart/../../etc/passwd",
                "//etc/passwd")) {
            all.add(new Attack("path traversal", "GET", path, me, null, false, null));
        }
        String forgedStaff = "Cookie: FADU_STAFF=" + ForgedStaffCookie.value(ForgedStaffCookie.OLD_DEMO_KEY, "ops",
                Duration.ofHours(1)) + "; " + COOKIE + "=" + attacker + "\r\n";
        for (WebRoute route : WebRoutes.in(WEB_TIER_CLASSES)) {
            if (!route.guarded()) {
                continue;
            }
            all.add(new Attack("forged staff cookie", route.method(), route.path(), formType + forgedStaff, bytes(""), false,
                    null));
            for (PathTricks.Trick trick : PathTricks.of(route.path())) {
                all.add(new Attack("path tricks on staff routes", route.method(), trick.path(), formType + me, bytes(""), false,
                        null));
            }
        }
        for (String[] m : List.of(new String[] { "PATCH", "/api/cart" }, new String[] { "DELETE", "/api/catalog" },
                new String[] { "TRACE", "/" },
                new String[] { "OPTIONS", "/api/checkout" }, new String[] { "PUT", "/api/checkout" },
                new String[] { "BREW", "/api/cart" })) {
            all.add(new Attack("wrong methods", m[0], m[1], json + me, null, false, null));
        }
        return all;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static boolean isProblem(RawHttp.Reply r) {
        return r.head().toLowerCase().contains("content-type: application/problem+json") && r.body().contains("\"title\"");
    }

    static String csrfTokenOf(String session) {
        RawHttp.Reply page = http.send("GET", "/", "Accept: text/html\r\nCookie: " + COOKIE + "=" + session + "\r\n", null);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("a form token on the catalog page").isTrue();
        return m.group(1);
    }

    /** A new customer: browsing opens no session, the first cart line does. */
    static String session() {
        RawHttp.Reply r = http.send("POST", "/api/cart/items", "Accept: application/json\r\nContent-Type: application/json\r\n",
                bytes("{\"sku\":\"pretzel\",\"quantity\":1}"));
        String id = r.setCookie(COOKIE);
        assertThat(id).as("a new session cookie (%s)", r.status()).isNotBlank();
        return id;
    }

    static RawHttp.Reply json(String method, String path, String session, String body) {
        return http.send(method, path,
                "Accept: application/json\r\nContent-Type: application/json\r\nCookie: " + COOKIE + "=" + session + "\r\n",
                body == null ? null : bytes(body));
    }

    static RawHttp.Reply checkout(String session, String key) {
        return http.send("POST", "/api/checkout",
                "Accept: application/json\r\nContent-Type: application/json\r\nIdempotency-Key: " + key
                        + "\r\nCookie: " + COOKIE + "=" + session + "\r\n",
                bytes("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"pickupAt\":\""
                        + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}"));
    }

    static String cartOf(String session) {
        RawHttp.Reply r = json("GET", "/api/cart", session, null);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    static String orderId(String body) {
        Matcher m = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(body);
        assertThat(m.find()).as("an order id in %s", body).isTrue();
        return m.group(1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String outcome(int status) {
        return status < 0 ? "no answer" : (status / 100) + "xx";
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "... (" + s.length() + " chars)" : s;
    }

    static void report(Map<String, Map<String, Integer>> byKind) throws IOException {
        StringBuilder text = new StringBuilder("hostile requests by kind and outcome\n");
        int total = 0;
        Map<String, Integer> overall = new TreeMap<>();
        for (var e : byKind.entrySet()) {
            int n = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            total += n;
            e.getValue().forEach((o, c) -> overall.merge(o, c, Integer::sum));
            text.append(String.format("  %-30s %4d  %s%n", e.getKey(), n, e.getValue()));
        }
        text.append(String.format("  %-30s %4d  %s%n", "all", total, overall));
        System.out.print(text);
        Files.writeString(Path.of("target", "hostile-requests.txt"), text);
    }
}
