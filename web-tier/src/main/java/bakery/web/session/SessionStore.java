package bakery.web.session;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import bakery.defaults.RedisScript;

/**
 * Sessions in Redis. A session lives while it is used (idle timeout, renewed by every request)
 * but never longer than the absolute timeout: its keys always expire at the earlier of the two,
 * so Redis alone enforces both and no node keeps a timer.
 */
@ApplicationScoped
public class SessionStore {

    /**
     * KEYS: session, cart, orders, sessions-seen bucket. ARGV: now ms, absolute ms, idle ms, storage key,
     * bucket ttl ms. Returns the CSRF token, or nil when gone. A resumed session is also noted as seen
     * (HyperLogLog, for the active-session count): no extra round trip.
     */
    private static final RedisScript RESUME = new RedisScript("""
            local session = redis.call('HMGET', KEYS[1], 'created', 'csrf')
            if not session[1] then return false end
            local left = tonumber(session[1]) + tonumber(ARGV[2]) - tonumber(ARGV[1])
            if left <= 0 then
              redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
              return false
            end
            local ttl = math.min(tonumber(ARGV[3]), left)
            for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ttl) end
            -- a bucket gets its expiry when it is created; later requests of the bucket leave it be
            if redis.call('PFADD', KEYS[4], ARGV[4]) == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
            return session[2]
            """);

    /**
     * The shape of a session hash and of the cart kept under the same storage key, written as the session's field
     * {@code v}. A session without it was opened by a release before versions (shape 1); a reader reads the fields it
     * knows whatever the version, so the release before and after read each other's sessions and carts. The cart
     * hash cannot carry its own: every field of it is a product line to every release (docs/upgrades.md).
     */
    static final int SHAPE_VERSION = 1;

    /** KEYS: session, sessions-seen bucket. ARGV: now ms, csrf token, idle ms, storage key, bucket ttl ms, shape version. */
    private static final RedisScript OPEN = new RedisScript("""
            redis.call('HSET', KEYS[1], 'created', ARGV[1], 'csrf', ARGV[2], 'v', ARGV[6])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            if redis.call('PFADD', KEYS[2], ARGV[4]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
            return 1
            """);

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    SessionConfig config;
    @Inject
    ActiveSessions active;

    /** The live session behind this id, or null: an unknown, expired or forged id is never adopted. */
    public Uni<Session> resume(String id) {
        if (!SessionId.wellFormed(id)) {
            return Uni.createFrom().nullItem();
        }
        Session probe = new Session(id, SessionId.storageKey(id), null, false);
        long now = System.currentTimeMillis();
        return RESUME.run(redis, List.of(probe.sessionKey(), probe.cartKey(), probe.ordersKey(), active.bucketKey(now)),
                now, config.absoluteTimeout().toMillis(), config.idleTimeout().toMillis(), probe.storageKey(),
                active.bucketTtl().toMillis())
                .map(csrf -> csrf == null ? null : new Session(id, probe.storageKey(), csrf.toString(), false));
    }

    /** A new session under a new id, keeping the visitor's form token (see {@code CsrfToken}). */
    public Uni<Session> open(String csrfToken) {
        String id = SessionId.next();
        Session session = new Session(id, SessionId.storageKey(id), csrfToken, true);
        long now = System.currentTimeMillis();
        return OPEN.run(redis, List.of(session.sessionKey(), active.bucketKey(now)),
                now, session.csrfToken(), config.idleTimeout().toMillis(), session.storageKey(), active.bucketTtl().toMillis(),
                SHAPE_VERSION)
                .replaceWith(session);
    }
}
