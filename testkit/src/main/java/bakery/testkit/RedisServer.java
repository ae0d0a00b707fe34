package bakery.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test JVM's Redis ({@link bakery.servers.redis.RedisServer}, the system's redis-server or the
 * embedded binary): one per test JVM, started on first use and stopped when the JVM exits; or one of a
 * test's own.
 */
public final class RedisServer extends bakery.servers.redis.RedisServer {

    private static RedisServer shared;
    private static Path binaries;

    /** @param dataDir where to keep an append-only file, or null for a server that forgets on stop */
    public RedisServer(int port, Path dataDir) {
        super(port, dataDir, binaries());
    }

    private RedisServer(int port) {
        super(port, null, binaries(), true);
    }

    /** A server on the binary shipped in the embedded-redis jar, whatever is on the PATH. */
    static RedisServer embedded(int port) {
        return new RedisServer(port);
    }

    /** One server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = PerJvm.started(new RedisServer(FreePort.next(), null), null);
        }
        return shared;
    }

    /** Bytes clients have sent that the server has not read yet, over all its connections (Linux' /proc/net/tcp). */
    public long unreadBytes() {
        try {
            String localPort = String.format(":%04X", port());
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

    /** Where this JVM copies the embedded binary to, should it need it. */
    private static synchronized Path binaries() {
        if (binaries == null) {
            binaries = PerJvm.scratchDir("redis-bin");
            Path dir = binaries;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> PerJvm.delete(dir), "redis-bin-delete"));
        }
        return binaries;
    }
}
