package bakery.stack.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import bakery.servers.readiness.ReadinessWait;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.StackProcesses;

/**
 * The schema migration of one release, run once before any order-service node of it starts: the
 * release's own order-service with {@code QUARKUS_INIT_AND_EXIT=true} migrates PostgreSQL and exits
 * before HTTP or Kafka start, the same run as the Kubernetes Job {@code order-service-migrate}.
 * Fleet nodes then start with {@link #FLEET_NODE} and only validate the schema.
 */
public record Migration(Path log, Path workDir, Duration timeout) {

    /** What an order-service node of the fleet runs with: it never migrates, it refuses a schema its release does not find. */
    public static final Map<String, String> FLEET_NODE = Map.of("MIGRATE_AT_START", "false",
            "QUARKUS_FLYWAY_VALIDATE_AT_START", "true");

    /**
     * The migration run's own settings, on top of a node's environment (database, ports). Quarkus
     * validates before it migrates, so the run must not validate at start: on a schema behind its
     * release it would refuse the very migrations it is there to apply (Flyway's migrate validates
     * what is already applied by itself).
     */
    static final Map<String, String> MIGRATION_RUN = Map.of("MIGRATE_AT_START", "true", "QUARKUS_INIT_AND_EXIT", "true",
            "QUARKUS_FLYWAY_VALIDATE_AT_START", "false");

    /**
     * Runs the migration to its end: a run that fails or overruns {@link #timeout} stops the caller
     * with the tail of its log, so nothing of the release starts on a schema it does not know.
     */
    public void run(List<String> command, Map<String, String> nodeEnvironment) {
        Map<String, String> env = new HashMap<>(nodeEnvironment);
        env.putAll(MIGRATION_RUN);
        try {
            // One log per run: the tail shown on failure is this run's, not an earlier one's.
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + log, e);
        }
        Process process = StackProcesses.launch(command, env, log, workDir);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("the schema migration did not finish within " + timeout.toSeconds()
                        + " s; nothing of the new release was started. Last lines of " + log + ":\n"
                        + ReadinessWait.tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while the schema migration ran (log " + log + ")", e);
        }
        if (process.exitValue() != 0) {
            throw new StackException("the schema migration failed (exit " + process.exitValue()
                    + "); nothing of the new release was started. Last lines of " + log + ":\n" + ReadinessWait.tail(log));
        }
    }
}
