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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import bakery.contracts.serde.EventJson;

/**
 * A customer's browser in a test: keeps the cookies the bakery sets (session, form token, staff
 * sign-in) like a browser would and talks to any web node with them (the same person behind a
 * round-robin balancer).
 */
public final class Shopper {

    public static final String SESSION = "FADU_SESSION";
    public static final String FORM_TOKEN = "FADU_CSRF";
    public static final String STAFF = "FADU_STAFF";

    /**
     * HTTP/1.1, as nginx speaks to the nodes: over cleartext HTTP/2 (h2c) the node answers a refused
     * upload by closing the shared connection (GOAWAY), which can fail the request before its 413 is read.
     */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)(.*)$");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final Map<String, String> jar;

    public Shopper(String baseUrl) {
        this(baseUrl, new ConcurrentHashMap<>());
    }

    private Shopper(String baseUrl, Map<String, String> jar) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.jar = jar;
    }

    /** The same person (same cookies) reaching another node. */
    public Shopper on(String otherBaseUrl) {
        return new Shopper(otherBaseUrl, jar);
    }

    public String sessionId() {
        return jar.get(SESSION);
    }

    public Shopper withSessionId(String id) {
        return withCookie(SESSION, id);
    }

    public String cookie(String name) {
        return jar.get(name);
    }

    public Shopper withCookie(String name, String value) {
        jar.put(name, value);
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
        return postForm(path, fields.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList(), headers);
    }

    /** A form whose fields may repeat (several boxes ticked under one name). */
    public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> fields, String... headers) {
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> addToCart(String sku, int quantity, String... headers) {
        return postJson("/api/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}", headers);
    }

    public JsonNode cart() {
        return json(get("/api/cart"));
    }

    public HttpResponse<String> checkout(String idempotencyKey, String name, String email, String pickupAt,
            String... headers) {
        String body = String.format("{\"name\":\"%s\",\"email\":\"%s\",\"pickupAt\":\"%s\"}", name, email, pickupAt);
        String[] all = new String[headers.length + 2];
        all[0] = "Idempotency-Key";
        all[1] = idempotencyKey;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return postJson("/api/checkout", body, all);
    }

    /** The form token a page hands this browser. */
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
        if (!jar.isEmpty()) {
            builder.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a browser would: a cookie set empty or with Max-Age=0 is forgotten. */
    private void keep(String header) {
        Matcher m = SET_COOKIE.matcher(header);
        if (!m.find()) {
            return;
        }
        String attributes = m.group(3).toLowerCase();
        if (m.group(2).isEmpty() || attributes.contains("max-age=0")) {
            jar.remove(m.group(1));
        } else {
            jar.put(m.group(1), m.group(2));
        }
    }
}
