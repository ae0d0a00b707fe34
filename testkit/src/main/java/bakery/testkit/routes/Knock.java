package bakery.testkit.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One visitor knocking at one address: the status and headers of the answer, never the body, so a
 * live stream that opens costs nothing but the knock. A visitor is a stranger (no cookie), a customer
 * (a session cookie and its form token, so only the role check stands in the way) or staff.
 */
public final class Knock {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Who knocks: the cookies they carry and the form token of their session (null for none). */
    public record Visitor(String name, String cookies, String csrfToken) {

        public static Visitor stranger() {
            return new Visitor("stranger", null, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What came back: status, where a redirect points, the content type. */
    public record Answer(int status, String location, String contentType) {

        /** Turned away: a 4xx, or a redirect to the sign-in page. */
        public boolean refused() {
            return status >= 400 && status < 500 || status >= 300 && status < 400 && location != null
                    && URI.create(location).getPath().endsWith("/signin");
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " -> " + location);
        }
    }

    private Knock() {
    }

    /** {@code method path} as {@code visitor}; a POST carries the visitor's form token as a form. */
    public static Answer at(String baseUrl, String method, String path, Visitor visitor) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (visitor.cookies() != null) {
            request.header("Cookie", visitor.cookies());
        }
        if (visitor.csrfToken() != null) {
            request.header("X-CSRF-Token", visitor.csrfToken());
        }
        boolean hasBody = method.equals("POST") || method.equals("PUT");
        if (hasBody) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        String form = visitor.csrfToken() == null ? "" : "csrf=" + visitor.csrfToken();
        request.method(method, hasBody ? HttpRequest.BodyPublishers.ofString(form) : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            // Close unread: an answer that is a live stream would never end.
            response.body().close();
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " as " + visitor + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every way each visitor got past a guarded route, at its own address or under a
     * {@link PathTricks trick}: "{@code visitor: GET /board;x -> 200}". Empty when every knock was refused.
     */
    public static List<String> breakIns(String baseUrl, List<WebRoute> routes, List<Visitor> visitors) {
        List<String> breakIns = new ArrayList<>();
        for (WebRoute route : routes) {
            if (!route.guarded()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            paths.add(route.path());
            PathTricks.of(route.path()).forEach(trick -> paths.add(trick.path()));
            for (Visitor visitor : visitors) {
                for (String path : paths) {
                    Answer answer = at(baseUrl, route.method(), path, visitor);
                    if (!answer.refused()) {
                        breakIns.add(visitor + ": " + route.method() + " " + path + " -> " + answer + "  (" + route + ")");
                    }
                }
            }
        }
        return breakIns;
    }
}
