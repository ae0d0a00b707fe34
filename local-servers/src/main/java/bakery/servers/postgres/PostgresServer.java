package bakery.servers.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import bakery.servers.RestartableServer;

/**
 * A real PostgreSQL 17 server from the zonky embedded binaries (they run as root too). Data stays
 * in {@code dataDir} across stop and start, like a database server that was restarted. zonky starts
 * the server with pg_ctl: a server {@link #outlivingThisJvm() outliving this JVM} runs on after it
 * ends, and its postmaster's pid is what stops it then.
 */
public class PostgresServer extends RestartableServer<EmbeddedPostgres> {

    private final int port;
    private final Path dataDir;
    private final Map<String, String> serverConfig = new LinkedHashMap<>(Map.of("max_connections", "200"));
    private Duration startupWait = Duration.ofSeconds(30);
    private Path log;
    private boolean outlivesThisJvm;

    public PostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /** A {@code postgresql.conf} setting the server starts with. */
    public PostgresServer with(String setting, String value) {
        serverConfig.put(setting, value);
        return this;
    }

    public PostgresServer startupWait(Duration wait) {
        this.startupWait = wait;
        return this;
    }

    /** The server's own output goes to this file (otherwise to this JVM's logging). */
    public PostgresServer logTo(Path file) {
        this.log = file;
        return this;
    }

    /** No shutdown hook: the server keeps running when this JVM ends (the local stack's, stopped by its pid). */
    public PostgresServer outlivingThisJvm() {
        this.outlivesThisJvm = true;
        return this;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    @Override
    protected EmbeddedPostgres launch() {
        try {
            Files.createDirectories(dataDir);
            // Never let the embedded server delete its data on close: a restart must find the database as it was.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(startupWait);
            serverConfig.forEach(builder::setServerConfig);
            if (outlivesThisJvm) {
                builder.setRegisterShutdownHook(false);
            }
            if (log != null) {
                Files.createDirectories(log.getParent());
                var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
                builder.setOutputRedirector(redirect).setErrorRedirector(redirect);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "PostgreSQL did not start: " + e.getMessage() + (log == null ? "" : "; see " + log), e);
        }
    }

    @Override
    protected void halt(EmbeddedPostgres server) throws IOException {
        server.close();
    }

    /** Creates the role (with its password) and its database when missing, as the server's superuser. */
    public void createRoleAndDatabase(String user, String password, String database) throws SQLException {
        try (Connection c = running().getPostgresDatabase().getConnection()) {
            try (PreparedStatement role = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                role.setString(1, user);
                if (!role.executeQuery().next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                    }
                }
            }
            try (PreparedStatement db = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                db.setString(1, database);
                if (!db.executeQuery().next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
                    }
                }
            }
        }
    }

    /** The first line of postmaster.pid, or -1 when the server does not run. */
    public long postmasterPid() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Ready when the user can log in to the database. */
    public boolean accepts(String user, String password, String database) {
        Properties p = new Properties();
        p.put("user", user);
        p.put("password", password);
        p.put("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
