package bakery.web.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;

import bakery.defaults.NodeHeartbeat;

/**
 * The nodes that are alive, as their heartbeats in Redis say ({@link NodeHeartbeat} writes them: every web node and
 * worker). {@link #node} reads the fields it knows whatever else the hash holds and whatever its {@code v}, so /ops
 * lists the nodes of both releases during a rolling upgrade.
 */
@ApplicationScoped
public class LiveNodes {

    /** Only web nodes beat before heartbeats named their service. */
    static final String SERVICE_BEFORE_SHAPE_2 = "web-tier";

    /** A live node the console may ask to leave or rejoin rotation, at the management address it announced. */
    record Target(String id, String service, String management, boolean drainable) {
    }

    @Inject
    ReactiveRedisDataSource redis;

    /** Every node whose heartbeat has not expired, by id. */
    public Uni<List<OpsSnapshot.Node>> alive(Instant now) {
        return liveIds(now)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<OpsSnapshot.Node> of())
                        : Uni.join().all(ids.stream().map(this::hashOf).toList())
                                .andFailFast()
                                .map(hashes -> hashes.stream()
                                        .map(hash -> node(hash, now))
                                        .filter(Objects::nonNull)
                                        .sorted(Comparator.comparing(OpsSnapshot.Node::service)
                                                .thenComparing(OpsSnapshot.Node::id))
                                        .toList()));
    }

    /**
     * The live node named {@code id}, read now rather than from the shared snapshot; empty when no live node has that
     * id. Only the list's own entries are ever called: a client names a node, never an address.
     */
    Uni<Optional<Target>> target(String id, Instant now) {
        return liveIds(now).chain(ids -> !ids.contains(id) ? Uni.createFrom().item(Optional.<Target> empty())
                : hashOf(id).map(hash -> Optional.ofNullable(target(hash))));
    }

    private Uni<List<String>> liveIds(Instant now) {
        return redis.sortedSet(String.class)
                .zrangebyscore(NodeHeartbeat.INDEX, new ScoreRange<>((double) now.toEpochMilli(), Double.POSITIVE_INFINITY));
    }

    private Uni<Map<String, String>> hashOf(String id) {
        return redis.hash(String.class).hgetall(NodeHeartbeat.NODE_PREFIX + id);
    }

    static Target target(Map<String, String> hash) {
        if (hash == null || !hash.containsKey("id")) {
            return null;
        }
        String rotation = hash.getOrDefault("rotation", NodeHeartbeat.NO_CONTROL);
        return new Target(hash.get("id"), hash.getOrDefault("service", SERVICE_BEFORE_SHAPE_2), hash.get("management"),
                hash.get("management") != null && !NodeHeartbeat.NO_CONTROL.equals(rotation));
    }

    /**
     * Null when the hash expired between the range query and the read. A heartbeat of a release before shape 2 names
     * no service (only web nodes beat then), no release (its build's version stands for it) and no place in rotation.
     */
    static OpsSnapshot.Node node(Map<String, String> hash, Instant now) {
        if (hash == null || !hash.containsKey("id")) {
            return null;
        }
        Instant started = Instant.ofEpochMilli(Long.parseLong(hash.get("startedAt")));
        String rotation = hash.getOrDefault("rotation", NodeHeartbeat.NO_CONTROL);
        return new OpsSnapshot.Node(hash.get("id"), hash.getOrDefault("service", SERVICE_BEFORE_SHAPE_2),
                hash.get("version"), hash.getOrDefault("release", hash.get("version")), started,
                Instant.ofEpochMilli(Long.parseLong(hash.get("seenAt"))),
                Math.max(0, Duration.between(started, now).toSeconds()),
                Long.parseLong(hash.get("requests")),
                hash.get("management") != null && !NodeHeartbeat.NO_CONTROL.equals(rotation),
                NodeHeartbeat.DRAINED.equals(rotation));
    }
}
