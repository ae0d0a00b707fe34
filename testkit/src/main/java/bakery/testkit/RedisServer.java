package bakery.testkit;

import java.nio.file.Path;

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
