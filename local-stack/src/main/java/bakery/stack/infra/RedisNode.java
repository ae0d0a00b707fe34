package bakery.stack.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.servers.redis.RedisServer;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;
import bakery.stack.process.StackSettings;

/**
 * Redis for sessions and carts ({@link RedisServer}: the system's {@code redis-server} when installed,
 * otherwise the embedded binary, copied to {@code .bakery/bin}). Append-only file under
 * {@code .bakery/redis}, so carts survive {@code down} and {@code up}.
 */
public record RedisNode(StackLayout layout, StackSettings settings) {

    public int port() {
        return settings.port("redis");
    }

    public String url() {
        return server().url();
    }

    private RedisServer server() {
        return new RedisServer(port(), layout.redis(), layout.bin());
    }

    public Process launch() {
        List<String> command = new ArrayList<>(server().command());
        command.addAll(List.of("--daemonize", "no"));
        return StackProcesses.launch(command, Map.of(), layout.log("redis"), layout.redis());
    }
}
