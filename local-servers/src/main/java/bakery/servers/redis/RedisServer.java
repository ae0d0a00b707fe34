package bakery.servers.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import bakery.servers.RestartableServer;
import bakery.servers.process.NodeLauncher;
import bakery.servers.process.Pids;
import bakery.servers.process.Programs;
import bakery.servers.readiness.Probes;
import bakery.servers.readiness.ReadinessWait;

/**
 * A real Redis server as a process: the system's {@code redis-server} when it is on the PATH,
 * otherwise the binary shipped in the embedded-redis jar, copied into {@code binDir}. Persistence is
 * off unless a data directory asks for it (an append-only file there).
 */
public class RedisServer extends RestartableServer<Process> {

    private static final String BIND = "127.0.0.1";
    private static final String EMBEDDED_AMD64 = "/redis-server-6.2.6-v5-linux-amd64";
    private static final String EMBEDDED_ARM64 = "/redis-server-6.2.7-linux-arm64";
    private static final Duration STARTED = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);
    private static final Duration POLL = Duration.ofMillis(25);

    private final int port;
    private final Path dataDir;
    private final Path binDir;
    private final boolean embeddedOnly;

    /**
     * @param dataDir where to keep an append-only file, or null for a server that forgets on stop
     * @param binDir where the embedded binary is copied to when the machine has no redis-server
     */
    public RedisServer(int port, Path dataDir, Path binDir) {
        this(port, dataDir, binDir, false);
    }

    protected RedisServer(int port, Path dataDir, Path binDir, boolean embeddedOnly) {
        this.port = port;
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.embeddedOnly = embeddedOnly;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    /** The command line of this server: the binary, its port and address, then its persistence. */
    public List<String> command() {
        List<String> command = new ArrayList<>(
                List.of(binary().toString(), "--port", Integer.toString(port), "--bind", BIND));
        if (dataDir == null) {
            command.addAll(List.of("--save", "", "--appendonly", "no"));
        } else {
            command.addAll(List.of("--dir", dataDir.toString(), "--appendonly", "yes"));
        }
        return command;
    }

    /** Ready when it answers PING. */
    public boolean ready(Probes probes) {
        return probes.answers(port, "PING", "+PONG");
    }

    /** Starts the server as a child of this JVM and waits until it answers PING. */
    @Override
    protected Process launch() {
        Process process = NodeLauncher.child(command(), null);
        Probes probes = new Probes(PROBE_TIMEOUT);
        ReadinessWait.Starting starting = new ReadinessWait.Starting() {
            @Override
            public String name() {
                return "Redis on port " + port;
            }

            @Override
            public boolean ready() {
                return RedisServer.this.ready(probes);
            }

            @Override
            public boolean running() {
                return process.isAlive();
            }

            @Override
            public Path log() {
                return null;
            }
        };
        try {
            new ReadinessWait(STARTED, POLL).await(List.of(starting), (redis, after) -> {
            });
        } catch (ReadinessWait.NotReady e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /**
     * SIGSTOP: the server stops reading its connections, as a node that hangs; commands sent to it
     * wait unread in its sockets. Only a {@link #crash()} or {@link #stop()} ends that.
     */
    public void freeze() {
        Pids.signal(alive().pid(), "STOP");
    }

    /**
     * SIGKILL, as when the node dies: the server is gone at once and its data with it (unless kept on
     * disk). Connections holding commands it never read are reset, the others closed. {@link #start()}
     * brings it back on the same port.
     */
    public void crash() {
        Process process = alive();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private Process alive() {
        Process process = running();
        if (process == null) {
            throw new IllegalStateException("Redis on port " + port + " is not running");
        }
        return process;
    }

    @Override
    protected void halt(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private Path binary() {
        if (!embeddedOnly) {
            var system = Programs.find("redis-server", List.of());
            if (system.isPresent()) {
                return system.get();
            }
        }
        String resource = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64") ? EMBEDDED_ARM64
                : EMBEDDED_AMD64;
        Path target = binDir.resolve(resource.substring(1));
        if (!Files.isExecutable(target)) {
            try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
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
