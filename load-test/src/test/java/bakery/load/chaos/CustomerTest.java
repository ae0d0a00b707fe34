package bakery.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A customer's live order page against a real HTTP server that answers each opening of the stream in turn: like a
 * browser's EventSource, a stream that ends before its first event is opened again, an answer other than 200 is final.
 */
class CustomerTest {

    private static final String PAGE = "/api/orders/1/events";

    /** How one opening of the stream is answered. */
    private enum Opening {
        /** 200, then the stream ends at once: a node leaving completes its streams. */
        ENDS_EMPTY,
        /** 200 and the order's state. */
        EVENT,
        /** 503 from the balancer. */
        UNAVAILABLE
    }

    private final Deque<Opening> openings = new ArrayDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final OutcomeCount outcomes = new OutcomeCount();
    private HttpServer server;

    private Customer customer(Opening... answers) throws IOException {
        openings.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PAGE, this::answer);
        server.start();
        return new Customer(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort(), "FADU_SESSION",
                Duration.ofSeconds(5), outcomes);
    }

    private void answer(HttpExchange exchange) throws IOException {
        opened.incrementAndGet();
        Opening opening = openings.isEmpty() ? Opening.EVENT : openings.poll();
        if (opening == Opening.UNAVAILABLE) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            if (opening == Opening.EVENT) {
                body.write("event: status\nid: 3\ndata: {\"status\":\"BAKING\"}\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aStreamEndedByALeavingNodeIsOpenedAgainAndTheOrderShows() throws IOException {
        Customer customer = customer(Opening.ENDS_EMPTY, Opening.EVENT);

        assertThat(customer.firstEvent(PAGE).outcome()).isEqualTo(Outcome.OK);
        assertThat(opened).as("opened twice, as a browser reconnects").hasValue(2);
        assertThat(outcomes.snapshot()).containsEntry(Outcome.OK, 1L).containsEntry(Outcome.NO_ANSWER, 0L);
    }

    @Test
    void anAnswerOtherThan200IsFinal() throws IOException {
        Customer customer = customer(Opening.UNAVAILABLE, Opening.EVENT);

        assertThat(customer.firstEvent(PAGE).outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(opened).hasValue(1);
    }

    @Test
    void aStreamThatNeverSendsItsStateWithinTheTimeoutIsNoAnswer() throws IOException {
        Customer customer = customer(Opening.ENDS_EMPTY, Opening.ENDS_EMPTY, Opening.ENDS_EMPTY, Opening.ENDS_EMPTY,
                Opening.ENDS_EMPTY, Opening.ENDS_EMPTY, Opening.ENDS_EMPTY, Opening.ENDS_EMPTY);

        assertThat(customer.firstEvent(PAGE).outcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(outcomes.snapshot()).containsEntry(Outcome.NO_ANSWER, 1L);
        assertThat(opened.get()).as("reopened while the timeout lasted, then given up").isBetween(2, 6);
    }
}
