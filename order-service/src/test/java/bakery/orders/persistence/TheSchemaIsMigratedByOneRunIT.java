package bakery.orders.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.testkit.FreePort;
import bakery.testkit.PostgresServer;

/**
 * The packaged order-service as the migration run of a release ({@code QUARKUS_INIT_AND_EXIT=true},
 * {@code MIGRATE_AT_START=true}): it migrates an empty database to this release's schema and exits, without Kafka; a fleet node
 * ({@code MIGRATE_AT_START=false},
 * Flyway validating at start as on Kubernetes) leaves the schema alone and refuses to start until the run is done; a packaged
 * node told nothing never migrates.
 */
class TheSchemaIsMigratedByOneRunIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;

    @BeforeAll
    static void emptyDatabase() {
        postgres = PostgresServer.own(FreePort.next(), dataDir);
        postgres.start();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void theMigrationRunMigratesOnceAndFleetNodesOnlyStartOnTheMigratedSchema() throws Exception {
        assertThat(appliedMigrations()).as("a fresh database").isEmpty();

        Map<String, String> fleetNode = Map.of("MIGRATE_AT_START", "false", "QUARKUS_FLYWAY_VALIDATE_AT_START", "true",
                "QUARKUS_INIT_AND_EXIT", "true");
        assertThat(run(fleetNode, "fleet-node-too-early")).as("a fleet node before the migration refuses to start")
                .isNotZero();
        assertThat(log("fleet-node-too-early")).as("because Flyway finds this release's migrations not applied")
                .contains("not applied to database");
        assertThat(appliedMigrations()).as("a fleet node does not migrate").isEmpty();

        run(Map.of("QUARKUS_INIT_AND_EXIT", "true"), "node-told-nothing");
        assertThat(appliedMigrations()).as("a packaged node started without MIGRATE_AT_START does not migrate").isEmpty();

        Map<String, String> migrationRun = Map.of("QUARKUS_INIT_AND_EXIT", "true", "MIGRATE_AT_START", "true");
        assertThat(run(migrationRun, "migrate")).as("the migration run's exit code").isZero();
        assertThat(appliedMigrations()).containsExactlyElementsOf(migrationFiles());

        assertThat(run(migrationRun, "migrate-again")).as("a second run finds nothing to do").isZero();
        assertThat(appliedMigrations()).containsExactlyElementsOf(migrationFiles());
        assertThat(run(fleetNode, "fleet-node")).as("a fleet node after the migration starts").isZero();
    }

    /** Runs the packaged service to its end; Kafka points nowhere, so a run that needed it could not finish. */
    private static int run(Map<String, String> env, String name) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged service").exists();
        Path log = Path.of("target", "nodes", name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "DB_JDBC_URL", postgres.jdbcUrl(),
                "DB_URL", postgres.reactiveUrl(),
                "DB_USER", PostgresServer.USER,
                "DB_PASSWORD", PostgresServer.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePort.next(),
                "HTTP_PORT", Integer.toString(FreePort.next()),
                "MANAGEMENT_PORT", Integer.toString(FreePort.next()),
                "NODE_ID", name,
                "QUARKUS_OTEL_SDK_DISABLED", "true"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("%s ended by itself (log %s)", name, log)
                    .isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String log(String name) throws IOException {
        return Files.readString(Path.of("target", "nodes", name + ".log"));
    }

    private static List<String> appliedMigrations() throws SQLException {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            try (ResultSet exists = db.createStatement().executeQuery("SELECT to_regclass('flyway_schema_history')")) {
                exists.next();
                if (exists.getString(1) == null) {
                    return List.of();
                }
            }
            List<String> scripts = new ArrayList<>();
            try (ResultSet rows = db.createStatement()
                    .executeQuery("SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
                while (rows.next()) {
                    String script = rows.getString(1);
                    scripts.add(script.substring(script.lastIndexOf('/') + 1));
                }
            }
            return scripts;
        }
    }

    private static List<String> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
