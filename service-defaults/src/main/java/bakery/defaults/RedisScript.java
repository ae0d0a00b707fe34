package bakery.defaults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script Redis runs as one step: where a check and a write belong together (a cart limit,
 * an idempotency claim, a session's expiry, an oven lease, an e-mail claim), no other node can act
 * in between.
 *
 * <p>
 * Requests and records run these all the time, so a script is called by its SHA-1 (EVALSHA): Redis
 * neither receives nor hashes the source again. A Redis that does not know it yet (first use,
 * restart, SCRIPT FLUSH) answers NOSCRIPT, and that one call sends the source (EVAL), which also
 * loads it for the next ones.
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    public RedisScript(String source) {
        this.source = source;
        this.sha = sha1Hex(source);
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, Object... args) {
        return redis.execute("EVALSHA", command(sha, keys, args))
                .onFailure(RedisScript::notLoaded).recoverWithUni(() -> redis.execute("EVAL", command(source, keys, args)));
    }

    static boolean notLoaded(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("NOSCRIPT");
    }

    private static String[] command(String script, List<String> keys, Object... args) {
        List<String> command = new ArrayList<>(keys.size() + args.length + 2);
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return command.toArray(String[]::new);
    }

    private static String sha1Hex(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
