package bakery.defaults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This node's heartbeat for the ops console: every few seconds, without blocking, its id, service, release,
 * management address, place in rotation, start time and the requests it has served go to Redis, where every web
 * node's /ops lists them ({@code LiveNodes}). A hash per node that expires a few heartbeats after the last one, and a
 * sorted set of node ids scored by that expiry, so listing them is one range query and a node that stopped beating
 * falls out on its own. In every service ({@code bakery.heartbeat.enabled}, fixed at build time); a Redis that does
 * not answer only costs the beat, never the node's work.
 */
@IfBuildProperty(name = "bakery.heartbeat.enabled", stringValue = "true")
@ApplicationScoped
public class NodeHeartbeat {

    public static final String INDEX = "ops:nodes";
    public static final String NODE_PREFIX = "ops:node:";

    /**
     * The shape of a heartbeat hash, written as its field {@code v} ({@code version} is the node's build, not this).
     * None: the release before versions (shape 1, web nodes only); 1: the same fields with {@code v}; 2 adds
     * {@code service}, {@code release}, {@code management} and {@code rotation}, and every service with Redis beats.
     * Every field of shape 1 is still written, so the release before lists the nodes of both releases.
     */
    public static final int SHAPE_VERSION = 2;

    /** {@code rotation}: the node takes {@code POST /rotation/drain} and is in rotation, or is drained, or has no control. */
    public static final String IN_ROTATION = "in";
    public static final String DRAINED = "drained";
    public static final String NO_CONTROL = "none";

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);

    /** Ahead of every other route, so each request is counted once whichever handler answers it. */
    private static final int FIRST = Integer.MIN_VALUE;

    /**
     * KEYS: node hash, index. ARGV: id, version, started ms, requests, now ms, ttl ms, shape, service, release, management,
     * rotation.
     */
    private static final RedisScript BEAT = new RedisScript("""
            redis.call('HSET', KEYS[1], 'id', ARGV[1], 'version', ARGV[2], 'startedAt', ARGV[3],
                       'requests', ARGV[4], 'seenAt', ARGV[5], 'v', ARGV[7], 'service', ARGV[8],
                       'release', ARGV[9], 'management', ARGV[10], 'rotation', ARGV[11])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('ZADD', KEYS[2], tonumber(ARGV[5]) + tonumber(ARGV[6]), ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
            return 1
            """);

    /** What one node says about itself at each heartbeat; {@code management} is its management interface's host:port. */
    public record Beat(String id, String service, String version, String release, String management, String rotation,
            Instant startedAt, long requestsServed) {
    }

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    NodeIdentity identity;
    @Inject
    ConsumerRotation rotation;
    @Inject
    HeartbeatConfig config;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.application.version")
    String version;
    @ConfigProperty(name = "quarkus.management.port")
    int managementPort;

    private final LongAdder served = new LongAdder();
    /** A beat still waiting for Redis makes the next one skip, so a slow Redis never piles them up. */
    private final AtomicBoolean beating = new AtomicBoolean();
    private volatile boolean leaving;
    private long timer = -1;

    void countRequests(@Observes Router router) {
        router.route().order(FIRST).handler(request -> {
            served.increment();
            request.next();
        });
    }

    void start(@Observes StartupEvent started) {
        beatNow();
        timer = vertx.setPeriodic(config.every().toMillis(), tick -> beatNow());
    }

    public long requestsServed() {
        return served.sum();
    }

    private void beatNow() {
        if (leaving || !beating.compareAndSet(false, true)) {
            return;
        }
        String place = !rotation.enabled() ? NO_CONTROL : rotation.drained() ? DRAINED : IN_ROTATION;
        Beat beat = new Beat(identity.id(), identity.service(), version, config.release().orElse(version),
                config.nodeAddress() + ":" + managementPort, place, identity.startedAt(), served.sum());
        Uni.createFrom().deferred(() -> beat(beat, Instant.now(), config.ttl()))
                .onTermination().invoke(() -> beating.set(false))
                .subscribe().with(done -> {
                }, e -> LOG.debugf("heartbeat not written: %s", e.getMessage()));
    }

    /** Writes one heartbeat (also another node's, for tests of what /ops shows). */
    public Uni<Void> beat(Beat beat, Instant now, Duration ttl) {
        return BEAT.run(redis, List.of(NODE_PREFIX + beat.id(), INDEX), beat.id(), beat.version(),
                beat.startedAt().toEpochMilli(), beat.requestsServed(), now.toEpochMilli(), ttl.toMillis(),
                SHAPE_VERSION, beat.service(), beat.release(), beat.management(), beat.rotation())
                .replaceWithVoid();
    }

    /** A node that stops on purpose leaves the list at once instead of when its heartbeat expires. */
    void leave(@Observes ShutdownEvent shutdown) {
        leaving = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            redis.key(String.class).del(NODE_PREFIX + identity.id())
                    .chain(() -> redis.sortedSet(String.class).zrem(INDEX, identity.id()))
                    .await().atMost(config.every());
        } catch (RuntimeException e) {
            LOG.debugf("heartbeat not removed, it expires on its own: %s", e.getMessage());
        }
    }
}
