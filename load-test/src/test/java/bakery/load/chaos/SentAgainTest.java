package bakery.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real HTTP server that closes the connection under the first request without answering, as nginx does to a
 * kept-alive connection when it reloads: what is safe to send twice is sent once more, the rest counts as no answer.
 */
class SentAgainTest {

    private final AtomicInteger received = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;

    @BeforeEach
    void closesTheFirstConnectionUnanswered() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (received.incrementAndGet() == 1) {
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    }

    @Test
    void aReadIsSentOnceMore() throws Exception {
        HttpRequest read = request("/api/cart").GET().build();

        assertThat(SentAgain.ifClosed(http, read, HttpResponse.BodyHandlers.discarding(), SentAgain.safeTwice(read))
                .statusCode()).isEqualTo(200);
        assertThat(received).hasValue(2);
    }

    @Test
    void aCheckoutWithItsIdempotencyKeyIsSentOnceMore() throws Exception {
        HttpRequest checkout = request("/api/checkout").header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThat(SentAgain.safeTwice(checkout)).isTrue();
        assertThat(SentAgain.ifClosed(http, checkout, HttpResponse.BodyHandlers.discarding(), true).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCartLineIsNotSentTwice() {
        HttpRequest addLine = request("/api/cart/items").POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThat(SentAgain.safeTwice(addLine)).isFalse();
        assertThatThrownBy(() -> SentAgain.ifClosed(http, addLine, HttpResponse.BodyHandlers.discarding(), false))
                .isInstanceOf(IOException.class);
        assertThat(received).hasValue(1);
    }
}
