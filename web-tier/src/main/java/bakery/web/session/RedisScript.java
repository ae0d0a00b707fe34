package bakery.web.session;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lua script Redis runs as one step: where a check and a write belong together (a cart limit,
 * an idempotency claim, a session's expiry), no other node can act in between.
 */
public record RedisScript(String source) {

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, Object... args) {
        List<String> command = new ArrayList<>(keys.size() + args.length + 2);
        command.add(source);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return redis.execute("EVAL", command.toArray(String[]::new));
    }
}
