package bakery.web.session;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sessions in Redis. A session lives while it is used (idle timeout, renewed by every request)
 * but never longer than the absolute timeout: its keys always expire at the earlier of the two,
 * so Redis alone enforces both and no node keeps a timer.
 */
@ApplicationScoped
public class SessionStore {

    private static final int CSRF_TOKEN_BYTES = 32;

    /** KEYS: session, cart, orders. ARGV: now ms, absolute ms, idle ms. Returns the CSRF token, or nil when gone. */
    private static final RedisScript RESUME = new RedisScript("""
            local created = redis.call('HGET', KEYS[1], 'created')
            if not created then return false end
            local left = tonumber(created) + tonumber(ARGV[2]) - tonumber(ARGV[1])
            if left <= 0 then
              redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
              return false
            end
            local ttl = math.min(tonumber(ARGV[3]), left)
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end
            return redis.call('HGET', KEYS[1], 'csrf')
            """);

    /** KEYS: session. ARGV: now ms, csrf token, idle ms. */
    private static final RedisScript OPEN = new RedisScript("""
            redis.call('HSET', KEYS[1], 'created', ARGV[1], 'csrf', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final SessionConfig config;

    public SessionStore(ReactiveRedisDataSource redis, SessionConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The session behind this id, or a new one: an unknown, expired or forged id is never adopted. */
    public Uni<Session> resumeOrOpen(String id) {
        return resume(id).onItem().ifNull().switchTo(this::open);
    }

    Uni<Session> resume(String id) {
        if (!SessionId.wellFormed(id)) {
            return Uni.createFrom().nullItem();
        }
        Session probe = new Session(id, SessionId.storageKey(id), null, false);
        return RESUME.run(redis, List.of(probe.sessionKey(), probe.cartKey(), probe.ordersKey()),
                        System.currentTimeMillis(), config.absoluteTimeout().toMillis(), config.idleTimeout().toMillis())
                .map(csrf -> csrf == null ? null : new Session(id, probe.storageKey(), csrf.toString(), false));
    }

    Uni<Session> open() {
        String id = SessionId.next();
        Session session = new Session(id, SessionId.storageKey(id), SessionId.random(CSRF_TOKEN_BYTES), true);
        return OPEN.run(redis, List.of(session.sessionKey()),
                        System.currentTimeMillis(), session.csrfToken(), config.idleTimeout().toMillis())
                .replaceWith(session);
    }
}
