package bakery.stack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shop as a customer's browser reaches it: JSON over HTTP through the stack's balancer, one cookie jar a customer. */
public record Storefront(int balancerPort, Duration requestTimeout) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the shop answered: the status and the JSON body (a JSON null when the body was empty). */
    public record Answer(int status, JsonNode body) {
    }

    public Answer get(String path, CookieManager session) throws IOException, InterruptedException {
        return send(request(path).header("Accept", "application/json").GET().build(), session);
    }

    public Answer post(String path, Object body, Map<String, String> headers, CookieManager session)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build(), session);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + balancerPort + path)).timeout(requestTimeout);
    }

    private static Answer send(HttpRequest request, CookieManager session) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(session).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }
}
