package bakery.web.cart;

import bakery.web.session.RedisScript;
import bakery.web.session.Session;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /** KEYS: cart, session. ARGV: sku, quantity, mode (add|set), max quantity, max lines. */
    private static final RedisScript CHANGE = new RedisScript("""
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return -2 end
            local next = tonumber(ARGV[2])
            if ARGV[3] == 'add' then next = current + next end
            if next > tonumber(ARGV[4]) then return -1 end
            redis.call('HSET', KEYS[1], ARGV[1], next)
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
            return next
            """);

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

    /** @return the new quantity of the line, or a negative result code */
    public Uni<Long> add(Session session, String sku, int quantity) {
        return change(session, sku, quantity, "add");
    }

    public Uni<Long> set(Session session, String sku, int quantity) {
        return change(session, sku, quantity, "set");
    }

    public Uni<Void> remove(Session session, String sku) {
        return hashes.hdel(session.cartKey(), sku).replaceWithVoid();
    }

    private Uni<Long> change(Session session, String sku, int quantity, String mode) {
        return CHANGE.run(redis, List.of(session.cartKey(), session.sessionKey()), sku, quantity, mode, CartLimits.MAX_QUANTITY, maxLines)
                .map(r -> r.toLong());
    }
}
