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

import bakery.defaults.RedisScript;
import bakery.web.session.Session;

/**
 * Idempotency keys of checkouts, per session: key to order id, claimed atomically. A key is
 * {@code pending} while its order is being sent, {@code placed} once Kafka acknowledged it, and
 * {@code retry} after a failed send, so that the retry sends the same order id again. Beside it the
 * claim keeps a hash of the cart it was used for: the same key with another cart is not a retry but
 * a different order, and is refused.
 * <p>
 * A claim carries no shape version: it is a bare {@code state:order id} string the release before parses by its first
 * colon, so a version in it would be refused by that release mid-rollout; the cart hash beside it is only compared for
 * equality. A claim of another shape would be a new key. The placed order kept for the session is the OrderPlaced
 * event's JSON, versioned as every event is.
 */
@ApplicationScoped
public class CheckoutClaims {

    /**
     * KEYS: claim, cart, the claim's cart hash. ARGV: new order id, pending ms. Returns the state and
     * order id, and with a fresh claim the cart's sku/quantity pairs too: the checkout needs them
     * next, so no second trip. {@code mismatch:<id>}: the key was used for a different cart (a placed
     * order's emptied cart is its retry, not a different one). A claim without a cart hash (written
     * by the release before) is never a mismatch.
     */
    private static final RedisScript CLAIM = new RedisScript("""
            local v = redis.call('GET', KEYS[1])
            local cart = redis.call('HGETALL', KEYS[2])
            local lines = {}
            for i = 1, #cart, 2 do table.insert(lines, cart[i] .. '=' .. cart[i + 1]) end
            table.sort(lines)
            local hash = redis.sha1hex(table.concat(lines, ';'))
            if v then
              local colon = string.find(v, ':', 1, true)
              local state = string.sub(v, 1, colon - 1)
              local seen = redis.call('GET', KEYS[3])
              if seen and seen ~= hash and not (state == 'placed' and #cart == 0) then
                return {'mismatch:' .. string.sub(v, colon + 1)}
              end
              if state ~= 'retry' then return {v} end
            end
            local id = ARGV[1]
            if v then id = string.sub(v, 7) end
            redis.call('SET', KEYS[1], 'pending:' .. id, 'PX', ARGV[2])
            redis.call('SET', KEYS[3], hash, 'PX', ARGV[2])
            table.insert(cart, 1, 'claimed:' .. id)
            return cart
            """);

    /** KEYS: claim, cart, orders, session, the claim's cart hash. ARGV: order id, retention ms, the placed order as JSON. */
    private static final RedisScript COMPLETE = new RedisScript("""
            redis.call('SET', KEYS[1], 'placed:' .. ARGV[1], 'PX', ARGV[2])
            redis.call('PEXPIRE', KEYS[5], ARGV[2])
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
            local ttl = redis.call('PTTL', KEYS[4])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
            return 1
            """);

    /** KEYS: claim, the claim's cart hash. ARGV: order id, retention ms. */
    private static final RedisScript RETRY_LATER = new RedisScript("""
            redis.call('SET', KEYS[1], 'retry:' .. ARGV[1], 'PX', ARGV[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 1
            """);

    public enum State {
        CLAIMED,
        PENDING,
        PLACED,
        /** The key placed (or is placing) an order for another cart: not a retry of it. */
        MISMATCH
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
        return CLAIM.run(redis, List.of(session.checkoutKey(key), session.cartKey(), session.checkoutCartKey(key)), candidate,
                pendingTimeout.toMillis())
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
                .run(redis, List.of(session.checkoutKey(key), session.cartKey(), session.ordersKey(), session.sessionKey(),
                        session.checkoutCartKey(key)), orderId, retention.toMillis(), placedJson)
                .replaceWithVoid();
    }

    /** The send failed: a retry with this key sends the same order id (the broker may have it after all). */
    public Uni<Void> retryLater(Session session, String key, UUID orderId) {
        return RETRY_LATER.run(redis, List.of(session.checkoutKey(key), session.checkoutCartKey(key)), orderId,
                retention.toMillis()).replaceWithVoid();
    }

    /** Nothing was sent (the request was invalid): the key is free again. */
    public Uni<Void> release(Session session, String key) {
        return redis.key().del(session.checkoutKey(key), session.checkoutCartKey(key)).replaceWithVoid();
    }
}
