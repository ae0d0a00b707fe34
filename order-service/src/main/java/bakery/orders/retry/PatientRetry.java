package bakery.orders.retry;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.jboss.logging.Logger;

/**
 * Retries work that failed for a reason that passes (database down, deadlock, a concurrent
 * version change) with growing pauses, for as long as it takes; the Kafka record is not
 * acknowledged meanwhile, so nothing is lost. Bad data (PostgreSQL classes 22 and 23) fails at
 * once: retrying would fail the same way forever.
 */
@ApplicationScoped
public class PatientRetry {

    private static final Logger LOG = Logger.getLogger(PatientRetry.class);

    @Inject
    RetryConfig config;

    public <T> Uni<T> run(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T> deferred(work::get)
                .onFailure(failure -> !isBadData(failure))
                .invoke(failure -> LOG.warnf("%s failed, retrying: %s", what, failure.getMessage()))
                .onFailure(failure -> !isBadData(failure))
                .retry().withBackOff(config.initialBackoff(), config.maxBackoff()).indefinitely();
    }

    public static boolean isBadData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
