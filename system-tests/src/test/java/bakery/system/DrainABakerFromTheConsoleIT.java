package bakery.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.testkit.Await;
import bakery.testkit.BakeryNodes;
import bakery.testkit.ServiceProcess;

/**
 * An ops person takes a real baker out of rotation from the console of a real web node, and puts it back: the web
 * node calls the baker's management route at the address from its heartbeat, the baker leaves its consumer group and
 * says so in its own {@code /rotation}, the console shows it DRAINED with its release, and the web node's audit log
 * names who did it.
 */
class DrainABakerFromTheConsoleIT {

    private static final String BAKER = "baking-worker-drained";
    private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BakeryNodes nodes;
    private static ServiceProcess baker;
    private static ServiceProcess web;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void openTheBakery() {
        nodes = FastOvens.nodes();
        ServiceProcess orderService = nodes.orderService("order-service-1");
        baker = nodes.bakingWorker(BAKER);
        // The console never drains the last baker in rotation: a second one keeps baking.
        nodes.bakingWorker("baking-worker-serving");
        web = nodes.webNode("web-1", orderService);
        nodes.awaitReady();
    }

    @AfterAll
    static void closeTheBakery() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void opsDrainsABakerFromTheConsoleSeesItDrainedAndPutsItBack() throws Exception {
        get("/signin");
        assertThat(post("/j_security_check", Map.of("j_username", "ops", "j_password", "ops-demo")).statusCode())
                .as("signed in").isEqualTo(302);
        JsonNode listed = Await.until("the baker listed on /ops", () -> node(BAKER), n -> !n.isMissingNode());
        assertThat(listed.path("service").asText()).isEqualTo("baking-worker");
        assertThat(listed.path("release").asText()).as("the build's version, where no launcher names a release")
                .isEqualTo(node("web-1").path("release").asText()).isNotBlank();
        assertThat(listed.path("drainable").asBoolean()).isTrue();
        assertThat(listed.path("drained").asBoolean()).isFalse();

        HttpResponse<String> drained = post("/ops/nodes/" + BAKER + "/drain", Map.of("csrf", formToken()));

        assertThat(drained.statusCode()).as(drained.body()).isEqualTo(303);
        assertThat(drained.headers().firstValue("Location").orElseThrow()).endsWith("/ops");
        assertThat(rotation().path("drained").asBoolean()).as("the baker's own word").isTrue();
        Await.untilAsserted("the console shows it drained", () -> assertThat(node(BAKER).path("drained").asBoolean()).isTrue());
        assertThat(get("/ops").body()).containsPattern(
                "data-testid=\"node-rotation-" + BAKER + "\"><strong>DRAINED</strong>");
        String audit = Files.readString(web.log());
        assertThat(audit).contains("ops user ops asks " + BAKER + " (baking-worker) at 127.0.0.1:" + baker.managementPort()
                + " to drain", "ops user ops: drain of " + BAKER + " done");

        HttpResponse<String> undrained = post("/ops/nodes/" + BAKER + "/undrain", Map.of("csrf", formToken()));

        assertThat(undrained.statusCode()).as(undrained.body()).isEqualTo(303);
        assertThat(rotation().path("drained").asBoolean()).isFalse();
        Await.untilAsserted("the console shows it back in rotation",
                () -> assertThat(node(BAKER).path("drained").asBoolean()).isFalse());
        assertThat(Files.readString(web.log())).contains("ops user ops: undrain of " + BAKER + " done");
    }

    private JsonNode node(String id) throws IOException, InterruptedException {
        HttpResponse<String> snapshot = get("/api/ops/snapshot");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        for (JsonNode n : JSON.readTree(snapshot.body()).path("nodes")) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        return JSON.missingNode();
    }

    /** The token the console page's forms carry. */
    private String formToken() throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get("/ops").body());
        assertThat(m.find()).as("the console carries its form token").isTrue();
        return m.group(1);
    }

    private JsonNode rotation() throws IOException, InterruptedException {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(baker.managementUrl() + "/rotation"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
