package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.WebTierTest;

/**
 * What a browser and an API client see beside the content: the security headers on every page, and
 * one problem-details body (RFC 9457) for every failure, Quarkus' own included, that never names a
 * Java class.
 */
@QuarkusTest
@WebTierTest
class HeadersAndProblemsIT {

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("<script(?![^>]*\\ssrc=)|<style|\\sstyle=|\\son[a-z]+=");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL node;

    @Test
    void everyPageCarriesAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        for (HttpResponse<String> page : new HttpResponse[] { new Shopper(node.toString()).get("/"),
                new Shopper(node.toString()).get("/cart"), new Shopper(node.toString()).get("/signin"), ops.get("/board"),
                ops.get("/ops") }) {
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(page.uri().toString()).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            // Over plain http HSTS means nothing; it is sent only to requests that came over https.
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
            // The policy allows no inline script or style: the pages have none.
            Matcher inline = SCRIPT_OR_STYLE.matcher(page.body());
            assertThat(inline.find()).as("inline script or style on %s: %s", page.uri(),
                    inline.find(0) ? page.body().substring(inline.start(), Math.min(page.body().length(), inline.start() + 60))
                            : "")
                    .isFalse();
        }
    }

    @Test
    void anAddressWithNothingBehindItIsA404Problem() throws Exception {
        assertProblem(send("GET", "/no-such-shelf", null, null), 404);
        assertProblem(send("GET", "/api/no-such-thing", null, null), 404);
    }

    @Test
    void aWrongMethodOrBodyTypeIsAProblemNamingNoJavaClass() throws Exception {
        assertProblem(send("DELETE", "/api/catalog", null, null), 405);
        assertProblem(send("POST", "/api/cart/items", "text/plain", "croissant please"), 415);
        JsonNode malformed = assertProblem(send("POST", "/api/cart/items", "application/json", "{\"sku\":"), 400);
        assertThat(malformed.get("detail").asText()).contains("not well-formed JSON");
        JsonNode wrongType = assertProblem(
                send("POST", "/api/cart/items", "application/json", "{\"sku\":\"croissant\",\"quantity\":\"two\"}"), 400);
        assertThat(wrongType.get("field").asText()).isEqualTo("quantity");
        assertProblem(send("POST", "/api/cart/items", "application/json", "[]"), 400);
    }

    @Test
    void aStaffMemberAtTheOpsConsoleGetsA403Problem() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        HttpResponse<String> refused = staff.get("/api/ops/snapshot");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Shopper.json(refused).get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aFieldAtFaultIsNamedInTheFieldMember() throws Exception {
        JsonNode problem = assertProblem(send("POST", "/api/cart/items", "application/json",
                "{\"sku\":\"croissant\",\"quantity\":0}"), 400);
        assertThat(problem.get("field").asText()).isEqualTo("quantity");
        assertThat(problem.get("type").asText()).startsWith("tag:");
        assertThat(problem.get("title").asText()).isEqualTo("invalid request");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.toString().replaceAll("/$", "") + path))
                .header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.uri().toString())
                .startsWith("application/problem+json");
        JsonNode problem = Shopper.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContainPattern("(java|jakarta|bakery|io\\.quarkus|com\\.fasterxml)\\.[a-z]")
                .doesNotContain("Exception", "\tat ");
        return problem;
    }
}
