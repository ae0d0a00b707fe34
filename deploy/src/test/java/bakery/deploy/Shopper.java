package bakery.deploy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One customer in a browser, through the balancer only: a session cookie of its own, a cart, a checkout, the
 * order's status as the customer's order page reads it.
 */
final class Shopper {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    final String email;
    private final String baseUrl;
    private final HttpClient http;

    Shopper(String baseUrl, String email) {
        this.baseUrl = baseUrl;
        this.email = email;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(TIMEOUT).build();
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return Shopper.json(body);
        }
    }

    static JsonNode json(String text) {
        try {
            return Repo.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Repo.JSON.writeValueAsString(body)));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts one product in the cart and checks out; the order's id once the bakery took it (202). */
    UUID order(String sku, int quantity) {
        Answer added = post("/api/cart/items", Map.of("sku", sku, "quantity", quantity));
        if (added.status() / 100 != 2) {
            throw new IllegalStateException("cart refused " + sku + ": " + added);
        }
        Answer placed = post("/api/checkout",
                Map.of("name", "Container Customer", "email", email, "pickupAt",
                        Instant.now().plus(2, ChronoUnit.HOURS).toString()),
                "Idempotency-Key", "containers-" + UUID.randomUUID());
        if (placed.status() != 202) {
            throw new IllegalStateException("checkout refused: " + placed);
        }
        return UUID.fromString(placed.json().path("orderId").asText());
    }

    /** The order's status as its page shows it, or null while the web tier does not know it yet. */
    String status(UUID order) {
        Answer answer = get("/api/orders/" + order);
        return answer.status() == 200 ? answer.json().path("status").asText() : null;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
