package bakery.web.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import bakery.defaults.RedisScript;
import bakery.web.session.SessionId;

/**
 * Staff sign-ins on the server. The encrypted sign-in cookie names the staff member and one of
 * these sessions ({@code user#id}); the cookie counts only while its session lives in Redis. So
 * signing out (deleting the session) refuses the old cookie on every node at once, and a session
 * ends after the idle timeout or, however busy, the absolute one: Redis expires it at the earlier
 * of the two, as it does customer sessions. Redis sees a hash of the id, never the id.
 */
@ApplicationScoped
public class StaffSessions {

    /** Between user name and session id in the cookie; never part of an id, so the last one splits them. */
    static final char SEPARATOR = '#';

    /**
     * The shape of a staff session hash, written as its field {@code v}. A session without it was opened by the release
     * before versions (shape 1). {@link #RESUME} reads the two fields it knows whatever else the hash holds, so a
     * session opened by the release before or after keeps its staff member signed in across a rolling upgrade.
     */
    static final int SHAPE_VERSION = 1;

    /** KEYS: staff session. ARGV: user, now ms, idle ms, shape version. */
    private static final RedisScript OPEN = new RedisScript("""
            redis.call('HSET', KEYS[1], 'user', ARGV[1], 'signed-in', ARGV[2], 'v', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    /** KEYS: staff session. ARGV: user, now ms, idle ms, absolute ms. 1 while it lives (its expiry slid), else 0. */
    private static final RedisScript RESUME = new RedisScript("""
            local s = redis.call('HMGET', KEYS[1], 'user', 'signed-in')
            if not s[1] or s[1] ~= ARGV[1] then return 0 end
            local left = tonumber(s[2]) + tonumber(ARGV[4]) - tonumber(ARGV[2])
            if left <= 0 then
              redis.call('DEL', KEYS[1])
              return 0
            end
            redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[3]), left))
            return 1
            """);

    /** A staff member and the sign-in session their cookie belongs to. */
    public record SignIn(String user, String id) {

        /** What the encrypted cookie holds. */
        public String principal() {
            return user + SEPARATOR + id;
        }

        /** The cookie's principal taken apart; empty for a cookie from before staff sessions or a malformed one. */
        public static Optional<SignIn> of(String principal) {
            int at = principal == null ? -1 : principal.lastIndexOf(SEPARATOR);
            if (at <= 0 || !SessionId.wellFormed(principal.substring(at + 1))) {
                return Optional.empty();
            }
            return Optional.of(new SignIn(principal.substring(0, at), principal.substring(at + 1)));
        }
    }

    private final ReactiveRedisDataSource redis;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    public StaffSessions(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "bakery.web.staff.idle-timeout") Duration idleTimeout,
            @ConfigProperty(name = "bakery.web.staff.absolute-timeout") Duration absoluteTimeout) {
        this.redis = redis;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
    }

    /** A new session for a staff member who just proved their password. */
    public Uni<SignIn> open(String user) {
        SignIn signIn = new SignIn(user, SessionId.next());
        return OPEN.run(redis, List.of(key(signIn.id())), user, System.currentTimeMillis(),
                Math.min(idleTimeout.toMillis(), absoluteTimeout.toMillis()), SHAPE_VERSION).replaceWith(signIn);
    }

    /** Whether the session still lives for this user; using it slides its idle timeout. */
    public Uni<Boolean> resume(SignIn signIn) {
        return RESUME.run(redis, List.of(key(signIn.id())), signIn.user(), System.currentTimeMillis(), idleTimeout.toMillis(),
                absoluteTimeout.toMillis()).map(r -> r.toLong() == 1);
    }

    /** Signed out: the cookie is worthless from now on, on every node. */
    public Uni<Void> end(String id) {
        return redis.key().del(key(id)).replaceWithVoid();
    }

    /** The key a session's id is stored under; also what names the sign-in elsewhere (live stream limits). */
    public static String key(String id) {
        return "staff:session:" + SessionId.storageKey(id);
    }
}
