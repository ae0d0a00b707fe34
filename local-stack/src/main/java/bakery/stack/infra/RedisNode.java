package bakery.stack.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import bakery.stack.process.NodeLauncher;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;

/**
 * Redis for sessions and carts: the system's {@code redis-server} when installed, otherwise the
 * binary shipped in the embedded-redis jar (copied to {@code .bakery/bin}). Append-only file under
 * {@code .bakery/redis}, so carts survive {@code down} and {@code up}.
 */
public final class RedisNode {

    private static final String EMBEDDED_AMD64 = "/redis-server-6.2.6-v5-linux-amd64";
    private static final String EMBEDDED_ARM64 = "/redis-server-6.2.7-linux-arm64";

    private final StackLayout layout;
    private final StackSettings settings;

    public RedisNode(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    public int port() {
        return settings.port("redis");
    }

    public String url() {
        return "redis://localhost:" + port();
    }

    public Process launch() {
        List<String> command = List.of(binary().toString(),
                "--port", Integer.toString(port()),
                "--bind", "127.0.0.1",
                "--dir", layout.redis().toString(),
                "--appendonly", "yes",
                "--daemonize", "no");
        return NodeLauncher.launch(command, Map.of(), layout.log("redis"), layout.redis());
    }

    Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String resource = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64") ? EMBEDDED_ARM64
                : EMBEDDED_AMD64;
        Path target = layout.bin().resolve(resource.substring(1));
        if (!Files.isExecutable(target)) {
            try (InputStream in = RedisNode.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "no redis-server on the PATH and no embedded binary for this machine: install redis-server");
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().setExecutable(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }
}
