package bakery.baking.oven;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import bakery.contracts.BakeEvent;
import bakery.contracts.OvenKeys;
import bakery.contracts.serde.EventJson;
import bakery.defaults.RedisScript;

/**
 * Who may bake an order, kept in Redis so that every baking-worker instance sees the same answer.
 * A lease ({@code SET NX PX}) names the one bake attempt allowed to run; it expires if its holder
 * dies. When the order comes out of the oven its BakeFinished is written down before it is
 * published ({@link #outOfOven}); the baked marker is written once that event is on Kafka, so a
 * redelivered request for it is acknowledged without baking. An attempt that finds an order out of
 * the oven but not marked baked (its baker died in between) publishes the written-down event again
 * instead of baking a second time. Each step is one Lua script: atomic, one round trip.
 * <p>
 * The lease and the baked marker carry no shape version: each holds the holder's token, only ever compared for
 * equality or existence, and a new meaning would be a new key. The written-down BakeFinished is event JSON and carries
 * its {@code schemaVersion}; it is read as every event is, fields it does not know ignored.
 */
@ApplicationScoped
public class OrderLeases {

    /** What a bake attempt found at the oven door. */
    public enum Claim {
        /** The attempt holds the lease: bake. */
        LEASED,
        /**
         * The attempt holds the lease, and the order already came out of an oven: publish {@link Claimed#finished()}, do not
         * bake.
         */
        OUT_OF_OVEN,
        ALREADY_BAKED,
        BUSY
    }

    /** A claim's outcome; {@code finished} is the written-down BakeFinished when the order is {@link Claim#OUT_OF_OVEN}. */
    public record Claimed(Claim claim, BakeEvent finished) {
    }

    /** One bake attempt's hold on an order: the holder names the node and is unique per attempt. */
    public record Lease(UUID orderId, String holder) {

        String leaseKey() {
            return OvenKeys.lease(orderId);
        }

        String bakedKey() {
            return OvenKeys.baked(orderId);
        }

        String finishedKey() {
            return OvenKeys.finished(orderId);
        }
    }

    private static final String OUT_OF_OVEN = "OUT_OF_OVEN ";

    private static final RedisScript CLAIM = new RedisScript("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return 'ALREADY_BAKED' end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local finished = redis.call('GET', KEYS[3])
              if finished then return 'OUT_OF_OVEN ' .. finished end
              return 'LEASED'
            end
            return 'BUSY'""");

    private static final RedisScript WRITE_DOWN = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
            return 1""");

    private static final RedisScript RENEW = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""");

    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""");

    private static final RedisScript MARK_BAKED = new RedisScript("""
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[3])
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1""");

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    OvenConfig config;

    public Uni<Claimed> claim(Lease lease) {
        return script(CLAIM, lease, Long.toString(config.leaseTtl().toMillis()))
                .map(response -> {
                    String answer = response.toString();
                    if (answer.startsWith(OUT_OF_OVEN)) {
                        return new Claimed(Claim.OUT_OF_OVEN, read(answer.substring(OUT_OF_OVEN.length())));
                    }
                    return new Claimed(Claim.valueOf(answer), null);
                });
    }

    /**
     * The order came out of this attempt's oven: writes its BakeFinished down, before it is published.
     * False when the lease is no longer this attempt's (it expired and another attempt may hold it).
     */
    public Uni<Boolean> outOfOven(Lease lease, BakeEvent finished) {
        return script(WRITE_DOWN, lease, write(finished), Long.toString(config.bakedMemory().toMillis()))
                .map(response -> response.toInteger() == 1);
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

    /**
     * KEYS are the lease, the baked marker and the written-down BakeFinished; ARGV[1] is always the holder, then the extras.
     */
    private Uni<Response> script(RedisScript script, Lease lease, String... extra) {
        List<Object> args = new ArrayList<>(extra.length + 1);
        args.add(lease.holder());
        args.addAll(List.of(extra));
        return script.run(redis, List.of(lease.leaseKey(), lease.bakedKey(), lease.finishedKey()), args.toArray());
    }

    private static String write(BakeEvent finished) {
        try {
            return EventJson.MAPPER.writeValueAsString(finished);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a BakeFinished that cannot be written as JSON: " + finished, e);
        }
    }

    private static BakeEvent read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, BakeEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an unreadable BakeFinished in Redis: " + json, e);
        }
    }
}
