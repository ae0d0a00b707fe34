package bakery.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import bakery.contracts.serde.EventJson;

/**
 * A customer's browser in a test: keeps the session cookie like a browser would and talks to any
 * web node with it (the same person behind a round-robin balancer).
 */
public final class Shopper {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Pattern SESSION_COOKIE = Pattern.compile("FADU_SESSION=([^;]+)");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final String[] cookie;

    public Shopper(String baseUrl) {
        this(baseUrl, new String[1]);
    }

    private Shopper(String baseUrl, String[] cookie) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.cookie = cookie;
    }

    /** The same person (same cookie) reaching another node. */
    public Shopper on(String otherBaseUrl) {
        return new Shopper(otherBaseUrl, cookie);
    }

    public String sessionId() {
        return cookie[0];
    }

    public Shopper withSessionId(String id) {
        cookie[0] = id;
        return this;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> addToCart(String sku, int quantity) {
        return postJson("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
    }

    public JsonNode cart() {
        return json(get("/api/cart"));
    }

    public HttpResponse<String> checkout(String idempotencyKey, String name, String email, String pickupAt) {
        String body = String.format("{\"name\":\"%s\",\"email\":\"%s\",\"pickupAt\":\"%s\"}", name, email, pickupAt);
        return postJson("/api/checkout", body, "Idempotency-Key", idempotencyKey);
    }

    /** The form token a page hands this session. */
    public String csrfToken() {
        Matcher m = CSRF_FIELD.matcher(get("/").body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf field on the catalog page");
        }
        return m.group(1);
    }

    public SseStream stream(String path, String lastEventId, String... headers) {
        HttpRequest.Builder request = request(path, headers).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseStream(HTTP, request.build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (cookie[0] != null) {
            builder.header("Cookie", "FADU_SESSION=" + cookie[0]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> {
                Matcher m = SESSION_COOKIE.matcher(header);
                if (m.find()) {
                    cookie[0] = m.group(1);
                }
            });
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
