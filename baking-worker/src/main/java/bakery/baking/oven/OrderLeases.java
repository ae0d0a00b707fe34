package bakery.baking.oven;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who may bake an order, kept in Redis so that every baking-worker instance sees the same answer.
 * A lease ({@code SET NX PX}) names the one bake attempt allowed to run; it expires if its holder
 * dies. The baked marker is written once the order's BakeFinished is on Kafka, so a redelivered
 * request for it is acknowledged without baking. Each step is one Lua script: atomic, one round trip.
 */
@ApplicationScoped
public class OrderLeases {

    /** What a bake attempt found at the oven door. */
    public enum Claim { LEASED, ALREADY_BAKED, BUSY }

    /** One bake attempt's hold on an order: the holder names the node and is unique per attempt. */
    public record Lease(UUID orderId, String holder) {

        String leaseKey() {
            // The hash tag keeps an order's keys in one slot, should Redis ever run as a cluster.
            return "bakery:oven:{" + orderId + "}:lease";
        }

        String bakedKey() {
            return "bakery:oven:{" + orderId + "}:baked";
        }
    }

    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 'ALREADY_BAKED' end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'LEASED' end
            return 'BUSY'""";

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private static final String MARK_BAKED = """
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final OvenConfig config;

    public OrderLeases(ReactiveRedisDataSource redis, OvenConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Claim> claim(Lease lease) {
        return script(CLAIM, lease, Long.toString(config.leaseTtl().toMillis()))
                .map(response -> Claim.valueOf(response.toString()));
    }

    /** True while the lease is still this attempt's; false once it expired or another attempt holds it. */
    public Uni<Boolean> renew(Lease lease) {
        return script(RENEW, lease, Long.toString(config.leaseTtl().toMillis()))
                .map(response -> response.toInteger() == 1);
    }

    public Uni<Void> release(Lease lease) {
        return script(RELEASE, lease).replaceWithVoid();
    }

    /** Remembers the order as baked and gives up the lease, in that order and atomically. */
    public Uni<Void> markBaked(Lease lease) {
        return script(MARK_BAKED, lease, Long.toString(config.bakedMemory().toMillis())).replaceWithVoid();
    }

    /** KEYS are the lease and the baked marker; ARGV[1] is always the holder, then the extras. */
    private Uni<Response> script(String script, Lease lease, String... extra) {
        List<String> args = new ArrayList<>(List.of(script, "2", lease.leaseKey(), lease.bakedKey(), lease.holder()));
        args.addAll(List.of(extra));
        return redis.execute("EVAL", args.toArray(String[]::new));
    }
}
