package bakery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Redis server as a child process: the system's {@code redis-server} when it is on the PATH,
 * otherwise the binary shipped in the embedded-redis jar. Persistence is off unless a data
 * directory asks for it.
 */
public final class RedisServer implements RestartableServer, AutoCloseable {

    private static final String BIND = "127.0.0.1";

    private static RedisServer shared;

    private final int port;
    private final Path dataDir;
    private final boolean embeddedOnly;
    private Process process;
    private redis.embedded.RedisServer embedded;

    /** @param dataDir where to keep an append-only file, or null for a server that forgets on stop */
    public RedisServer(int port, Path dataDir) {
        this(port, dataDir, false);
    }

    private RedisServer(int port, Path dataDir, boolean embeddedOnly) {
        this.port = port;
        this.dataDir = dataDir;
        this.embeddedOnly = embeddedOnly;
    }

    /** A server on the binary shipped in the embedded-redis jar, whatever is on the PATH. */
    static RedisServer embedded(int port) {
        return new RedisServer(port, null, true);
    }

    /** One server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            RedisServer redis = new RedisServer(FreePort.next(), null);
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-stop"));
            shared = redis;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://localhost:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null || embedded != null;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            String system = embeddedOnly ? null : systemBinary();
            if (system != null) {
                List<String> command = new ArrayList<>(List.of(system, "--port", Integer.toString(port), "--bind", BIND));
                settings().forEach((key, value) -> command.addAll(List.of("--" + key, value)));
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } else {
                // The builder passes its own --port (6379 unless told) after the config file, and a
                // command-line option wins over a config line: port and address go through the builder.
                var builder = redis.embedded.RedisServer.newRedisServer().port(port).bind(BIND);
                settings().forEach((key, value) -> builder.setting(key + " " + (value.isEmpty() ? "\"\"" : value)));
                embedded = builder.build();
                embedded.start();
            }
            awaitPong();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    public synchronized void stop() {
        try {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
            if (embedded != null) {
                embedded.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            embedded = null;
        }
    }

    /**
     * SIGSTOP: the server stops reading its connections, as a node that hangs; commands sent to it
     * wait unread in its sockets. Only a {@link #crash()} or {@link #stop()} ends that.
     */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /**
     * SIGKILL, as when the node dies: the server is gone at once and its data with it (unless kept on
     * disk). Connections holding commands it never read are reset, the others closed. {@link #start()}
     * brings it back on the same port.
     */
    public synchronized void crash() {
        signal("-KILL");
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("only a redis-server from the PATH can be sent " + signal);
        }
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes clients have sent that the server has not read yet, over all its connections (Linux' /proc/net/tcp). */
    public long unreadBytes() {
        try {
            String localPort = String.format(":%04X", port);
            long unread = 0;
            for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path table = Path.of(file);
                if (!Files.isReadable(table)) {
                    continue;
                }
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    // local address, remote address, state (01 = established), tx_queue:rx_queue
                    if (fields.length > 4 && fields[1].endsWith(localPort) && "01".equals(fields[3])) {
                        unread += Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16);
                    }
                }
            }
            return unread;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Settings besides the port and address, which each binary is given its own way. */
    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        if (dataDir == null) {
            s.put("save", "");
            s.put("appendonly", "no");
        } else {
            s.put("dir", dataDir.toString());
            s.put("appendonly", "yes");
        }
        return s;
    }

    private static String systemBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private void awaitPong() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Redis", e);
            }
        }
        throw new IOException("Redis did not answer PING on port " + port + " within 10 s");
    }
}
