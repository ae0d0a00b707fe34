package bakery.testkit.resources;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import bakery.testkit.PostgresServer;

/** Points the app under test at the test JVM's real PostgreSQL server, for both JDBC (Flyway) and reactive access. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = PostgresServer.shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // shared by every test in the JVM; stopped at JVM exit
    }
}
