package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.stack.orchestration.StackException;

/**
 * The migration run as {@code up} and {@code upgrade} use it, with a shell standing in for the
 * release's order-service (the real run is proven by order-service's {@code TheSchemaIsMigratedByOneRunIT}
 * and the stack tests): it runs with the migration switches on top of a node's environment, and a run
 * that fails or hangs stops the caller with what its log said.
 */
class TheMigrationRunsToItsEndOrStopsTheReleaseIT {

    @TempDir
    Path home;

    private Migration migration(Duration timeout) {
        return new Migration(home.resolve("logs/order-service-migrate.log"), home, timeout);
    }

    @Test
    void theRunMigratesAndExitsWhateverTheNodeEnvironmentSays() throws Exception {
        Map<String, String> node = Map.of("DB_URL", "postgresql://127.0.0.1:1/bakery", "MIGRATE_AT_START", "false",
                "QUARKUS_FLYWAY_VALIDATE_AT_START", "true");

        migration(Duration.ofSeconds(30)).run(List.of("sh", "-c", "env | sort"), node);

        String log = Files.readString(home.resolve("logs/order-service-migrate.log"));
        assertThat(log)
                .contains("QUARKUS_INIT_AND_EXIT=true", "MIGRATE_AT_START=true", "DB_URL=postgresql://127.0.0.1:1/bakery")
                .doesNotContain("MIGRATE_AT_START=false");
    }

    @Test
    void aFailedRunStopsTheCallerWithItsExitAndTheTailOfThisRunsLogOnly() throws Exception {
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("logs/order-service-migrate.log"), "an earlier run's line\n");

        assertThatThrownBy(() -> migration(Duration.ofSeconds(30))
                .run(List.of("sh", "-c", "echo 'Migration V9__x.sql failed: relation missing'; exit 3"), Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("exit 3")
                .hasMessageContaining("Migration V9__x.sql failed: relation missing")
                .hasMessageNotContaining("an earlier run's line");
    }

    @Test
    void aRunThatHangsIsStoppedAtItsTimeout() {
        assertThatThrownBy(() -> migration(Duration.ofMillis(500))
                .run(List.of("sh", "-c", "echo waiting for the database; exec sleep 60"), Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("did not finish within")
                .hasMessageContaining("waiting for the database");
    }
}
