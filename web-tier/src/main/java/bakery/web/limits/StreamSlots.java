package bakery.web.limits;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bakery.defaults.RedisScript;
import bakery.web.session.SessionId;

/**
 * Places for live streams: at most {@code per-node} open on this node, and at most
 * {@code per-session} per customer session or staff sign-in across every node. The node's count is
 * a counter here; a session's open streams are a Redis sorted set of stream ids scored by when
 * their lease runs out. A stream renews its lease with every heartbeat and gives its place back
 * when it ends, so a node that dies without saying goodbye frees its places within a lease.
 * <p>
 * The sorted set carries no shape version: its members are opaque stream ids and its scores lease ends, nothing a
 * release parses; a new meaning would be a new key.
 */
@ApplicationScoped
public class StreamSlots {

    private static final Logger LOG = Logger.getLogger(StreamSlots.class);
    private static final int LEASE_HEARTBEATS = 3;

    /** KEYS: the owner's streams. ARGV: stream id, lease ms, cap. 1: place taken, 0: full. */
    private static final RedisScript TAKE = new RedisScript("""
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """);

    /** KEYS: the owner's streams. ARGV: stream id, lease ms. */
    private static final RedisScript RENEW = new RedisScript("""
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final AbuseLimits limits;
    private final Duration lease;
    private final Duration heartbeat;
    private final AtomicInteger onThisNode = new AtomicInteger();

    public StreamSlots(ReactiveRedisDataSource redis, AbuseLimits limits,
            @ConfigProperty(name = "bakery.web.live.heartbeat") Duration heartbeat) {
        this.redis = redis;
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.lease = heartbeat.multipliedBy(LEASE_HEARTBEATS);
    }

    /** A place for one more stream of {@code owner}, or empty when the node or the owner has as many as allowed. */
    public Uni<Optional<Slot>> take(String owner) {
        if (onThisNode.incrementAndGet() > limits.liveStreams().perNode()) {
            onThisNode.decrementAndGet();
            return Uni.createFrom().item(Optional.empty());
        }
        Slot slot = new Slot("streams:" + owner, SessionId.random(12));
        return TAKE.run(redis, List.of(slot.key), slot.id, lease.toMillis(), limits.liveStreams().perSession())
                .map(r -> r.toLong() == 1 ? Optional.of(slot) : Optional.<Slot> empty())
                .invoke(taken -> {
                    if (taken.isEmpty()) {
                        onThisNode.decrementAndGet();
                    }
                })
                .onFailure().invoke(onThisNode::decrementAndGet);
    }

    /** How long a refused client should wait: a stream that vanished without a word frees its place within a lease. */
    public RetryAfter retryAfter() {
        return RetryAfter.of(heartbeat);
    }

    /** Streams open on this node now. */
    public int onThisNode() {
        return onThisNode.get();
    }

    /** One stream's place. */
    public final class Slot {

        private final String key;
        private final String id;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String key, String id) {
            this.key = key;
            this.id = id;
        }

        /** The stream is still open (called with each heartbeat). */
        public void renew() {
            if (!released.get()) {
                RENEW.run(redis, List.of(key), id, lease.toMillis()).subscribe().with(ok -> {
                }, e -> LOG.debugf("live stream lease not renewed: %s", e.getMessage()));
            }
        }

        /** The stream ended; safe to call more than once. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                onThisNode.decrementAndGet();
                redis.sortedSet(String.class).zrem(key, id).subscribe().with(n -> {
                }, e -> LOG.debugf("live stream place not given back (its lease runs out): %s", e.getMessage()));
            }
        }
    }
}
