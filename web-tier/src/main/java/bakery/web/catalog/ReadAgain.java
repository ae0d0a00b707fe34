package bakery.web.catalog;

import java.time.Duration;

import jakarta.ws.rs.WebApplicationException;

import io.smallrye.mutiny.Uni;

/**
 * order-service's query API is GETs only, so a read that failed on the way is safe to send once more:
 * the balancer sends it to another node. On the way means no answer in time, a connection refused
 * or closed (a node starting cold, or leaving during a rolling upgrade), or the balancer's own
 * 502/503/504. What order-service answered itself (a 404, a 400, a 500) is its answer and stands.
 */
public final class ReadAgain {

    static final Duration PAUSE = Duration.ofMillis(100);

    private ReadAgain() {
    }

    /** The read, tried a second time on another node when the first failed on the way. */
    public static <T> Uni<T> onAnotherNode(Uni<T> read) {
        return read.onFailure(ReadAgain::onTheWay).retry().withBackOff(PAUSE).atMost(1);
    }

    static boolean onTheWay(Throwable failure) {
        if (failure instanceof WebApplicationException answered) {
            int status = answered.getResponse().getStatus();
            return status == 502 || status == 503 || status == 504;
        }
        return true;
    }
}
