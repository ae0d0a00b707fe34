package bakery.web.checkout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import bakery.web.session.RedisScript;
import bakery.web.session.Session;

/**
 * Idempotency keys of checkouts, per session: key to order id, claimed atomically. A key is
 * {@code pending} while its order is being sent, {@code placed} once Kafka acknowledged it, and
 * {@code retry} after a failed send, so that the retry sends the same order id again.
 */
@ApplicationScoped
public class CheckoutClaims {

    /**
     * KEYS: claim, cart. ARGV: new order id, pending ms. Returns the state and order id, and with a
     * fresh claim the cart's sku/quantity pairs too: the checkout needs them next, so no second trip.
     */
    private static final RedisScript CLAIM = new RedisScript("""
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, 6) ~= 'retry:' then return {v} end
            local id = ARGV[1]
            if v then id = string.sub(v, 7) end
            redis.call('SET', KEYS[1], 'pending:' .. id, 'PX', ARGV[2])
            local answer = redis.call('HGETALL', KEYS[2])
            table.insert(answer, 1, 'claimed:' .. id)
            return answer
            """);

    /** KEYS: claim, cart, orders, session. ARGV: order id, retention ms, the placed order as JSON. */
    private static final RedisScript COMPLETE = new RedisScript("""
            redis.call('SET', KEYS[1], 'placed:' .. ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
            local ttl = redis.call('PTTL', KEYS[4])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
            return 1
            """);

    public enum State {
        CLAIMED,
        PENDING,
        PLACED
    }

    /** {@code cart} is the session's cart (sku to quantity) when the key was just claimed, else empty. */
    public record Claim(State state, UUID orderId, Map<String, Integer> cart) {
    }

    private final ReactiveRedisDataSource redis;
    private final Duration retention;
    private final Duration pendingTimeout;

    public CheckoutClaims(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "bakery.web.checkout.key-retention") Duration retention,
            @ConfigProperty(name = "bakery.web.checkout.pending-timeout") Duration pendingTimeout) {
        this.redis = redis;
        this.retention = retention;
        this.pendingTimeout = pendingTimeout;
    }

    public Uni<Claim> claim(Session session, String key, UUID candidate) {
        return CLAIM.run(redis, List.of(session.checkoutKey(key), session.cartKey()), candidate, pendingTimeout.toMillis())
                .map(r -> {
                    String value = r.get(0).toString();
                    int colon = value.indexOf(':');
                    Map<String, Integer> cart = new HashMap<>();
                    for (int i = 1; i + 1 < r.size(); i += 2) {
                        cart.put(r.get(i).toString(), Integer.parseInt(r.get(i + 1).toString()));
                    }
                    return new Claim(State.valueOf(value.substring(0, colon).toUpperCase()),
                            UUID.fromString(value.substring(colon + 1)), cart);
                });
    }

    /** Kafka has the order: remember the key, empty the cart, let the session see its order. One step. */
    public Uni<Void> complete(Session session, String key, UUID orderId, String placedJson) {
        return COMPLETE
                .run(redis, List.of(session.checkoutKey(key), session.cartKey(), session.ordersKey(), session.sessionKey()),
                        orderId, retention.toMillis(), placedJson)
                .replaceWithVoid();
    }

    /** The send failed: a retry with this key sends the same order id (the broker may have it after all). */
    public Uni<Void> retryLater(Session session, String key, UUID orderId) {
        return redis.value(String.class).set(session.checkoutKey(key), "retry:" + orderId,
                new io.quarkus.redis.datasource.value.SetArgs().px(retention)).replaceWithVoid();
    }

    /** Nothing was sent (the request was invalid): the key is free again. */
    public Uni<Void> release(Session session, String key) {
        return redis.key().del(session.checkoutKey(key)).replaceWithVoid();
    }
}
