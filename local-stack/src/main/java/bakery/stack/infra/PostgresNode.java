package bakery.stack.infra;

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
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;

/**
 * PostgreSQL 17 from the zonky embedded binaries (they run as root too), data under
 * {@code .bakery/postgres/data}. zonky starts the server with pg_ctl, so it runs on after this
 * command ends; its pid is the postmaster's, which is what {@code down} stops.
 */
public final class PostgresNode {

    private final StackLayout layout;
    private final StackSettings settings;

    public PostgresNode(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    public int port() {
        return settings.port("postgres");
    }

    public Path data() {
        return layout.postgres().resolve("data");
    }

    public String database() {
        return settings.text("postgres.database");
    }

    public String user() {
        return settings.text("postgres.user");
    }

    public String password() {
        return settings.text("postgres.password");
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + database();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + database();
    }

    /** Starts the server, creates the bakery's role and database when missing, returns the postmaster pid. */
    public long start(Duration startupWait) {
        try {
            Files.createDirectories(layout.postgres());
            var log = java.lang.ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(port())
                    .setDataDirectory(data())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(startupWait)
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                createRoleAndDatabase(c);
            }
            return postmasterPid();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start: " + e.getMessage() + "; see " + layout.log("postgres"),
                    e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + database() + " database: " + e.getMessage(), e);
        }
    }

    private void createRoleAndDatabase(Connection c) throws SQLException {
        try (PreparedStatement role = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            role.setString(1, user());
            if (!role.executeQuery().next()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE \"" + user() + "\" LOGIN PASSWORD '" + password().replace("'", "''") + "'");
                }
            }
        }
        try (PreparedStatement db = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            db.setString(1, database());
            if (!db.executeQuery().next()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + database() + "\" OWNER \"" + user() + "\"");
                }
            }
        }
    }

    /** The first line of postmaster.pid, or -1 when the server does not run. */
    public long postmasterPid() {
        try {
            Path pidFile = data().resolve("postmaster.pid");
            return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Ready when the bakery's user can log in to its database. */
    public boolean ready() {
        Properties p = new Properties();
        p.put("user", user());
        p.put("password", password());
        p.put("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
