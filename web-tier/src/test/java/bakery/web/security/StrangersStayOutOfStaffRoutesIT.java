package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import bakery.testkit.routes.Knock;
import bakery.testkit.routes.PathTricks;
import bakery.testkit.routes.WebRoute;
import bakery.testkit.routes.WebRoutes;
import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * Every route of the web tier, read from its compiled resources (a route added later is covered
 * without touching this test), knocked at by a stranger and by a customer with a session and its
 * form token: at its own address and under every path trick, no staff or ops route answers them
 * anything but a 4xx or a redirect to the sign-in page. And every respelling with matrix
 * parameters, encoded slashes or dots, dot segments or empty segments is a 400 on any route,
 * Quarkus' own included.
 */
@QuarkusTest
@WebTierTest
class StrangersStayOutOfStaffRoutesIT {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final List<String> ENCODING_TRICKS = List.of(";x", ";jsessionid=1", "%2F", "%2f", "%5C", "%2e", "%2e%2e",
            "/./", "/../", "//");

    @TestHTTPResource("/")
    URL node;

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String signInPost;

    @Test
    void theRouteTableComesFromTheApplicationWithTheRolesOfItsResources() {
        List<WebRoute> routes = WebRoutes.in(CLASSES);

        assertThat(routes).extracting(WebRoute::toString).contains("GET /board [staff]",
                "POST /board/orders/{id}/cancel [staff]", "GET /api/board/events [staff]", "GET /ops [ops]",
                "GET /ops/events [ops]", "GET /api/ops/snapshot [ops]", "POST /ops/nodes/{id}/drain [ops]",
                "POST /ops/nodes/{id}/undrain [ops]", "GET /api/cart", "POST /api/checkout");
        assertThat(routes).as("routes with neither roles nor @PermitAll (refused to everybody)")
                .noneMatch(r -> r.roles().contains(WebRoute.UNANNOTATED));
    }

    @Test
    void opsReachesEveryStaffRouteAtItsOwnAddress() {
        Knock.Visitor ops = signedIn("ops", "ops-demo");
        for (WebRoute route : guarded()) {
            Knock.Answer answer = Knock.at(node.toString(), route.method(), route.path(), ops);
            if (route.template().startsWith("/ops/nodes/")) {
                // The sample names no live node: past every check of who asks, the console finds no such node
                // (a refusal of who asks would be 403 or the sign-in page).
                assertThat(answer.status()).as("%s as ops", route).isEqualTo(404);
            } else {
                assertThat(answer.status()).as("%s as ops", route).isBetween(200, 399);
                assertThat(answer.refused()).as("%s as ops: %s", route, answer).isFalse();
            }
        }
    }

    @Test
    void noStaffRouteLetsAStrangerOrACustomerInUnderAnyTrick() {
        List<String> breakIns = Knock.breakIns(node.toString(), WebRoutes.in(CLASSES), List.of(Knock.Visitor.stranger(),
                customer()));

        assertThat(breakIns).isEmpty();
    }

    @Test
    void anAddressRespelledWithMatrixParametersEncodedSlashesOrDotSegmentsIsA400Everywhere() {
        Knock.Visitor visitor = customer();
        List<String> notRefused = new ArrayList<>();
        for (String[] route : everyRoute()) {
            for (PathTricks.Trick trick : PathTricks.of(route[1])) {
                if (!ENCODING_TRICKS.contains(trick.name())) {
                    continue;
                }
                Knock.Answer answer = Knock.at(node.toString(), route[0], trick.path(), visitor);
                if (answer.status() != 400) {
                    notRefused.add(route[0] + " " + trick + " -> " + answer);
                }
            }
        }
        assertThat(notRefused).isEmpty();
    }

    @Test
    void theRefusalSaysWhyInTheProblemBody() {
        HttpResponse<String> answer = new Shopper(node.toString()).get("/api;x/ops/snapshot");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Shopper.json(answer).get("title").asText()).isEqualTo("ambiguous path");
        assertThat(Shopper.json(answer).get("detail").asText()).contains("matrix parameters");
        assertThat(answer.body()).doesNotContain("java", "Exception");
    }

    private List<WebRoute> guarded() {
        return WebRoutes.in(CLASSES).stream().filter(WebRoute::guarded).toList();
    }

    /** The application's routes and Quarkus' own on the same router: health, metrics, the sign-in post. */
    private List<String[]> everyRoute() {
        List<String[]> all = new ArrayList<>();
        WebRoutes.in(CLASSES).forEach(r -> all.add(new String[] { r.method(), r.path() }));
        RouterRoutes.paths().forEach(p -> all.add(new String[] { "GET", p }));
        all.add(new String[] { "POST", signInPost });
        return all;
    }

    /** A customer with a session (opened by a first cart line) and its form token. */
    private Knock.Visitor customer() {
        Shopper shopper = new Shopper(node.toString());
        assertThat(shopper.addToCart("pretzel", 1).statusCode()).isEqualTo(200);
        String csrf = shopper.csrfToken();
        return new Knock.Visitor("customer", Shopper.SESSION + "=" + shopper.sessionId(), csrf);
    }

    /** A signed-in staff browser: its sign-in cookie, and the form token with the cookie it is bound to. */
    private Knock.Visitor signedIn(String user, String password) {
        Shopper browser = new Shopper(node.toString());
        String csrf = browser.csrfToken();
        HttpResponse<String> signIn = browser.postForm(signInPost, Map.of("j_username", user, "j_password", password));
        String staffCookie = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Shopper.STAFF + "="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError(user + " could not sign in: " + signIn.statusCode()));
        return new Knock.Visitor(user, staffCookie + "; " + Shopper.FORM_TOKEN + "=" + browser.cookie(Shopper.FORM_TOKEN),
                csrf);
    }

    /** The node's own Vert.x router, for the routes Quarkus adds beside the application's. */
    @ApplicationScoped
    static class RouterRoutes {

        private static volatile Router router;

        void capture(@Observes Router observed) {
            router = observed;
        }

        static List<String> paths() {
            return router.getRoutes().stream()
                    .map(Route::getPath)
                    .filter(Objects::nonNull)
                    .filter(p -> p.length() > 1 && !p.contains("*") && !p.contains(":"))
                    .flatMap(p -> Stream.of(p.endsWith("/") ? p.substring(0, p.length() - 1) : p))
                    .distinct()
                    .toList();
        }
    }
}
