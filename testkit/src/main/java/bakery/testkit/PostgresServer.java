package bakery.testkit;

import java.nio.file.Path;

/**
 * The test JVM's PostgreSQL ({@link bakery.servers.postgres.PostgresServer}): one per test JVM,
 * started on first use and stopped when the JVM exits, its superuser the services' user.
 */
public final class PostgresServer extends bakery.servers.postgres.PostgresServer {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static PostgresServer shared;

    private PostgresServer(int port, Path dataDir) {
        super(port, dataDir);
        // A test database may lose its last writes in a crash of the machine: it is thrown away anyway.
        with("fsync", "off");
    }

    /** One server per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            Path dir = PerJvm.scratchDir("postgres");
            shared = PerJvm.started(new PostgresServer(FreePort.next(), dir), dir);
        }
        return shared;
    }

    /** A server of a test's own, on a data directory of its own, that the test starts and closes. */
    public static PostgresServer own(int port, Path dataDir) {
        return new PostgresServer(port, dataDir);
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String reactiveUrl() {
        return reactiveUrl(DATABASE);
    }
}
