package bakery.web.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * About how many customers are active: sessions with a request within the idle timeout, across
 * every web node. Each request notes its session (the hash Redis already keys it by, never the id)
 * in a HyperLogLog per time bucket, inside the session script; each node counts the union of the
 * buckets of the last idle timeout now and then. About 1% off, a few kilobytes of Redis, and no
 * node has to keep a list. On /q/metrics as {@code bakery.web.sessions.active} (the same figure on
 * every node: dashboards take the max, not the sum).
 * <p>
 * A bucket carries no shape version: a HyperLogLog holds no fields, only Redis reads it, and a new meaning would be a
 * new key.
 */
@ApplicationScoped
public class ActiveSessions {

    private static final Logger LOG = Logger.getLogger(ActiveSessions.class);
    private static final String PREFIX = "sessions:seen:";

    private final ReactiveRedisDataSource redis;
    private final SessionConfig config;
    private final AtomicLong active = new AtomicLong();

    public ActiveSessions(ReactiveRedisDataSource redis, SessionConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        Gauge.builder("bakery.web.sessions.active", active, AtomicLong::get)
                .description("sessions with a request within the idle timeout, all web nodes (approximate)")
                .register(registry);
    }

    /** The bucket a request at {@code nowMillis} notes its session in. */
    public String bucketKey(long nowMillis) {
        return PREFIX + nowMillis / bucketWidth().toMillis();
    }

    /** A bucket outlives the idle timeout by a bucket, then Redis drops it. */
    public Duration bucketTtl() {
        return config.idleTimeout().plus(bucketWidth().multipliedBy(2));
    }

    @Scheduled(every = "${bakery.web.session.active-count-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recount() {
        return count().invoke(active::set)
                .onFailure().invoke(e -> LOG.debugf("active sessions not counted: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Distinct sessions seen in the current bucket and those of the last idle timeout. */
    public Uni<Long> count() {
        long width = bucketWidth().toMillis();
        long current = System.currentTimeMillis() / width;
        List<String> keys = new ArrayList<>();
        for (long bucket = current - config.activityBuckets(); bucket <= current; bucket++) {
            keys.add(PREFIX + bucket);
        }
        return redis.execute("PFCOUNT", keys.toArray(String[]::new)).map(response -> response.toLong());
    }

    private Duration bucketWidth() {
        return config.idleTimeout().dividedBy(config.activityBuckets());
    }
}
