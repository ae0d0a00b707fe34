package bakery.web.cart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import bakery.defaults.RedisScript;
import bakery.web.session.Session;

/**
 * Carts in Redis: one hash per session, sku to quantity. Every change is one Lua script, so the
 * limit check and the write are one step and two nodes changing one cart at once stay correct; the
 * cart expires with its session.
 */
@ApplicationScoped
public class CartStore {

    /** Result codes of {@link #CHANGE} besides the new quantity. */
    static final long OVER_QUANTITY = -1;
    static final long TOO_MANY_LINES = -2;

    /**
     * KEYS: cart, session. ARGV: sku, quantity, mode (add|set), max quantity, max lines. Returns the
     * new quantity (or a result code), then the whole cart as sku/quantity pairs: the customer sees
     * the changed cart, and it comes back in the same trip.
     */
    private static final RedisScript CHANGE = new RedisScript("""
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return {-2} end
            local next = tonumber(ARGV[2])
            if ARGV[3] == 'add' then next = current + next end
            if next > tonumber(ARGV[4]) then return {-1} end
            redis.call('HSET', KEYS[1], ARGV[1], next)
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
            local answer = redis.call('HGETALL', KEYS[1])
            table.insert(answer, 1, next)
            return answer
            """);

    /** What a change did: the line's new quantity or a negative result code, and the cart after it. */
    public record Change(long result, Map<String, Integer> quantities) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, Integer> hashes;
    private final int maxLines;

    public CartStore(ReactiveRedisDataSource redis, @ConfigProperty(name = "bakery.web.cart.max-lines") int maxLines) {
        this.redis = redis;
        this.hashes = redis.hash(Integer.class);
        this.maxLines = maxLines;
    }

    public Uni<Map<String, Integer>> quantities(Session session) {
        return hashes.hgetall(session.cartKey());
    }

    public Uni<Change> add(Session session, String sku, int quantity) {
        return change(session, sku, quantity, "add");
    }

    public Uni<Change> set(Session session, String sku, int quantity) {
        return change(session, sku, quantity, "set");
    }

    public Uni<Void> remove(Session session, String sku) {
        return hashes.hdel(session.cartKey(), sku).replaceWithVoid();
    }

    private Uni<Change> change(Session session, String sku, int quantity, String mode) {
        return CHANGE
                .run(redis, List.of(session.cartKey(), session.sessionKey()), sku, quantity, mode, CartLimits.MAX_QUANTITY,
                        maxLines)
                .map(r -> {
                    Map<String, Integer> cart = new HashMap<>();
                    for (int i = 1; i + 1 < r.size(); i += 2) {
                        cart.put(r.get(i).toString(), Integer.parseInt(r.get(i + 1).toString()));
                    }
                    return new Change(r.get(0).toLong(), cart);
                });
    }
}
