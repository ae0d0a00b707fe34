package bakery.web.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** A read of order-service that fails on the way is sent once more; what order-service answered stands. */
class ReadAgainTest {

    private final AtomicInteger sent = new AtomicInteger();

    /** A read that fails with each of {@code failures} in turn, then answers "fresh". */
    private Uni<String> read(Throwable... failures) {
        Queue<Throwable> left = new ArrayDeque<>(List.of(failures));
        return Uni.createFrom().deferred(() -> {
            sent.incrementAndGet();
            Throwable next = left.poll();
            return next == null ? Uni.createFrom().item("fresh") : Uni.createFrom().failure(next);
        });
    }

    private String await(Uni<String> read) {
        return read.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeCostsOneMoreRead() {
        assertThat(await(ReadAgain.onAnotherNode(read(new TimeoutException("3000 ms"))))).isEqualTo("fresh");
        assertThat(sent).hasValue(2);
    }

    @Test
    void aNodeLeavingOrTheBalancersOwnRefusalIsReadAgain() {
        assertThat(await(ReadAgain.onAnotherNode(read(new ConnectException("refused"))))).isEqualTo("fresh");
        for (int status : new int[] { 502, 503, 504 }) {
            assertThat(await(ReadAgain.onAnotherNode(read(new WebApplicationException(Response.status(status).build())))))
                    .as("after a %d", status).isEqualTo("fresh");
        }
    }

    @Test
    void whatOrderServiceAnsweredStands() {
        assertThatThrownBy(() -> await(ReadAgain.onAnotherNode(read(new NotFoundException("no such order")))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> await(ReadAgain.onAnotherNode(read(new WebApplicationException(500)))))
                .isInstanceOf(WebApplicationException.class);
        assertThat(sent).hasValue(2);
    }

    @Test
    void aSecondFailureOnTheWayIsTheReadersToHandle() {
        assertThatThrownBy(() -> await(ReadAgain.onAnotherNode(
                read(new ServiceUnavailableException(), new ServiceUnavailableException()))))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThat(sent).hasValue(2);
    }
}
