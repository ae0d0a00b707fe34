package bakery.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import bakery.contracts.api.Product;
import bakery.contracts.serde.EventJson;

/** The catalog as order-service serves it, so tests order what the bakery really sells at today's prices. */
final class ServedCatalog {

    private ServedCatalog() {
    }

    static List<Product> of(String orderServiceUrl) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(orderServiceUrl + "/catalog")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /catalog answered " + response.statusCode());
        }
        return EventJson.MAPPER.readValue(response.body(), new TypeReference<>() {
        });
    }
}
