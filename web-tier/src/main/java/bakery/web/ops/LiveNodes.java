package bakery.web.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;

import bakery.defaults.RedisScript;

/**
 * The web nodes that are alive, as their heartbeats in Redis say: a hash per node that expires a few
 * heartbeats after the last one, and a sorted set of node ids scored by that expiry, so listing them
 * is one range query (no KEYS, no SCAN) and a node that stopped beating falls out on its own.
 */
@ApplicationScoped
public class LiveNodes {

    static final String INDEX = "ops:nodes";
    static final String NODE_PREFIX = "ops:node:";

    /**
     * The shape of a heartbeat hash, written as its field {@code v} ({@code version} is the node's build, not this).
     * A heartbeat without it was written by the release before versions (shape 1). {@link #node} reads the fields it
     * knows whatever else the hash holds, so /ops lists the nodes of both releases during a rolling upgrade.
     */
    static final int SHAPE_VERSION = 1;

    /** KEYS: node hash, index. ARGV: id, version, started ms, requests, now ms, ttl ms, shape version. */
    private static final RedisScript BEAT = new RedisScript("""
            redis.call('HSET', KEYS[1], 'id', ARGV[1], 'version', ARGV[2], 'startedAt', ARGV[3],
                       'requests', ARGV[4], 'seenAt', ARGV[5], 'v', ARGV[7])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('ZADD', KEYS[2], tonumber(ARGV[5]) + tonumber(ARGV[6]), ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
            return 1
            """);

    /** What one node says about itself at each heartbeat. */
    public record Heartbeat(String id, String version, Instant startedAt, long requestsServed) {
    }

    @Inject
    ReactiveRedisDataSource redis;

    public Uni<Void> beat(Heartbeat beat, Instant now, Duration ttl) {
        return BEAT.run(redis, List.of(NODE_PREFIX + beat.id(), INDEX), beat.id(), beat.version(),
                beat.startedAt().toEpochMilli(), beat.requestsServed(), now.toEpochMilli(), ttl.toMillis(), SHAPE_VERSION)
                .replaceWithVoid();
    }

    /** A node that stops on purpose leaves the list at once instead of when its heartbeat expires. */
    public Uni<Void> leave(String id) {
        return redis.key(String.class).del(NODE_PREFIX + id)
                .chain(() -> redis.sortedSet(String.class).zrem(INDEX, id))
                .replaceWithVoid();
    }

    /** Every node whose heartbeat has not expired, by id. */
    public Uni<List<OpsSnapshot.Node>> alive(Instant now) {
        return redis.sortedSet(String.class)
                .zrangebyscore(INDEX, new ScoreRange<>((double) now.toEpochMilli(), Double.POSITIVE_INFINITY))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<OpsSnapshot.Node> of())
                        : Uni.join().all(ids.stream().map(id -> redis.hash(String.class).hgetall(NODE_PREFIX + id)).toList())
                                .andFailFast()
                                .map(hashes -> hashes.stream()
                                        .map(hash -> node(hash, now))
                                        .filter(Objects::nonNull)
                                        .sorted(Comparator.comparing(OpsSnapshot.Node::id))
                                        .toList()));
    }

    /** Null when the hash expired between the range query and the read. */
    static OpsSnapshot.Node node(Map<String, String> hash, Instant now) {
        if (hash == null || !hash.containsKey("id")) {
            return null;
        }
        Instant started = Instant.ofEpochMilli(Long.parseLong(hash.get("startedAt")));
        return new OpsSnapshot.Node(hash.get("id"), hash.get("version"), started,
                Instant.ofEpochMilli(Long.parseLong(hash.get("seenAt"))),
                Math.max(0, Duration.between(started, now).toSeconds()),
                Long.parseLong(hash.get("requests")));
    }
}
