package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.testkit.ForgedStaffCookie;
import bakery.testkit.routes.Knock;
import bakery.testkit.routes.WebRoutes;

/**
 * The bakery from {@code ./bakery up}, as a stranger on the network sees it through the balancer:
 * no staff or ops route (every one the web tier has, read from its compiled resources) answers a
 * stranger or a customer under any path trick; nginx refuses the tricks itself and keeps
 * {@code /q/*} to itself; a staff cookie forged with the key the repository once shipped opens
 * nothing on any node, while the stack's own key (made for this stack home, mode 600) is the one
 * its nodes use: a real sign-in's cookie sealed again under it gets in, under the old key it does not.
 */
class StrangersStayOutThroughTheBalancerIT {

    static final int OFFSET = 22000;
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    static final Path WEB_TIER_CLASSES = BakeryCli.ROOT.resolve("web-tier/target/classes");
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final Pattern SESSION_COOKIE = Pattern.compile("FADU_SESSION=([^;]+)");
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static BakeryCli bakery;
    static String balancer;

    @BeforeAll
    static void up() throws Exception {
        bakery = BakeryCli.stack("strangers-it", OFFSET, Map.of(), COMMAND_TIMEOUT);
        bakery.deleteHome();
        bakery.succeeds("up", "--web", "2", "--orders", "1", "--baking", "1", "--notify", "1", "--no-prometheus");
        balancer = "http://127.0.0.1:" + bakery.port(8080);
    }

    @AfterAll
    static void down() throws Exception {
        if (bakery != null) {
            bakery.succeeds("down");
        }
    }

    @Test
    void noStaffRouteLetsAStrangerOrACustomerInThroughTheBalancerUnderAnyTrick() throws Exception {
        List<Knock.Visitor> visitors = List.of(Knock.Visitor.stranger(), customer());

        assertThat(Knock.breakIns(balancer, WebRoutes.in(WEB_TIER_CLASSES), visitors)).isEmpty();
    }

    @Test
    void theBalancerRefusesPathTricksItselfWithAProblemBodyAndNamesNoVersion() throws Exception {
        for (String path : List.of("/api;x/ops/snapshot", "/board;jsessionid=1", "/api%2Fops/snapshot", "/api/%2e/ops/snapshot",
                "/x/../board", "//board")) {
            HttpResponse<String> refused = get(balancer + path, null);
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
            HttpResponse<String> answer = get(balancer + path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("bakery_orders", "\"UP\"", "openapi");
        }
    }

    @Test
    void aStaffCookieForgedWithTheOldDemoKeyOpensNothingOnAnyNodeTheStacksOwnKeyDoes() throws Exception {
        Path keyFile = bakery.home().resolve("secrets/cookie-key");
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
        List<String> entrances = new ArrayList<>(List.of(balancer));
        for (JsonNode node : BakeryCli.instances(bakery.status())) {
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
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(balancer + "/j_security_check"))
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
        HttpResponse<String> firstLine = HTTP.send(HttpRequest.newBuilder(URI.create(balancer + "/api/cart/items"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"pretzel\",\"quantity\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher session = SESSION_COOKIE.matcher(String.join(";", firstLine.headers().allValues("Set-Cookie")));
        assertThat(session.find()).as("a session cookie from the first cart line (%s)", firstLine.statusCode()).isTrue();
        HttpResponse<String> catalog = get(balancer + "/", "FADU_SESSION=" + session.group(1));
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
