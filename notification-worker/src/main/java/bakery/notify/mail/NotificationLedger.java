package bakery.notify.mail;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import bakery.contracts.OrderStatus;
import bakery.defaults.RedisScript;

/**
 * Which e-mails went out, kept in Redis so every notification-worker instance sees the same
 * answer: one record per (order, status). A sender claims it before talking to SMTP and marks it
 * sent after the server accepted the message; each step is one atomic Lua script.
 * <p>
 * A record carries no shape version: it holds a sender's token or {@code sent}, only compared for equality, and a new
 * meaning would be a new key.
 */
@ApplicationScoped
public class NotificationLedger {

    /** What a sender found for an (order, status). */
    public enum Claim {
        CLAIMED,
        ALREADY_SENT,
        BUSY
    }

    /** One send attempt's hold on an (order, status) e-mail; the holder is unique per attempt. */
    public record Entry(UUID orderId, OrderStatus status, String holder) {

        String key() {
            return "bakery:notify:{" + orderId + "}:" + status;
        }
    }

    private static final String SENT = "sent";

    private static final RedisScript CLAIM = new RedisScript("""
            local v = redis.call('GET', KEYS[1])
            if v == ARGV[3] then return 'ALREADY_SENT' end
            if v then return 'BUSY' end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 'CLAIMED'""");

    private static final RedisScript RELEASE = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""");

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    NotifyConfig config;

    public Uni<Claim> claim(Entry entry) {
        return CLAIM.run(redis, List.of(entry.key()), entry.holder(), config.claimTtl().toMillis(), SENT)
                .map(response -> Claim.valueOf(response.toString()));
    }

    /** The SMTP server accepted the e-mail: remember it, whoever holds the claim now. */
    public Uni<Void> markSent(Entry entry) {
        return redis.execute("SET", entry.key(), SENT, "PX", Long.toString(config.sentMemory().toMillis())).replaceWithVoid();
    }

    /** The e-mail was not sent: give the claim up so that a replay from the dead-letter topic can send it. */
    public Uni<Void> release(Entry entry) {
        return RELEASE.run(redis, List.of(entry.key()), entry.holder()).replaceWithVoid();
    }
}
