package bakery.stack.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import bakery.servers.postgres.PostgresServer;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;

/**
 * PostgreSQL 17 ({@link PostgresServer}), data under {@code .bakery/postgres/data}. It runs on after
 * this command ends; its pid is the postmaster's, which is what {@code down} stops.
 */
public record PostgresNode(StackLayout layout, StackSettings settings) {

    public int port() {
        return settings.port("postgres");
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
        return server().reactiveUrl(database());
    }

    public String jdbcUrl() {
        return server().jdbcUrl(database());
    }

    /** A JDBC connection as the bakery's role, giving up after {@code timeout} when the server does not answer. */
    public Connection connect(Duration timeout) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        p.setProperty("password", password());
        p.setProperty("connectTimeout", Long.toString(timeout.toSeconds()));
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    private PostgresServer server() {
        return new PostgresServer(port(), layout.postgres().resolve("data"));
    }

    /** Starts the server, creates the bakery's role and database when missing, returns the postmaster pid. */
    public long start(Duration startupWait) {
        PostgresServer server = server().startupWait(startupWait).logTo(layout.log("postgres")).outlivingThisJvm();
        server.start();
        try {
            server.createRoleAndDatabase(user(), password(), database());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + database() + " database: " + e.getMessage(), e);
        }
        return server.postmasterPid();
    }

    /** The first line of postmaster.pid, or -1 when the server does not run. */
    public long postmasterPid() {
        return server().postmasterPid();
    }

    /** Ready when the bakery's user can log in to its database. */
    public boolean ready() {
        return server().accepts(user(), password(), database());
    }
}
