package bakery.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import bakery.servers.RestartableServer;

/** The test JVM's own servers: each started once, with a scratch directory, and stopped when the JVM exits. */
final class PerJvm {

    private PerJvm() {
    }

    static Path scratchDir(String prefix) {
        try {
            return Files.createTempDirectory("fadu-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server and stops it when the JVM exits, deleting its scratch directory (null: it has
     * none) then.
     */
    static <S extends RestartableServer<?>> S started(S server, Path scratch) {
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                // the JVM is going anyway; the scratch directory below still goes
            }
            if (scratch != null) {
                delete(scratch);
            }
        }, server.getClass().getSimpleName() + "-stop"));
        return server;
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory lives under the system temp folder anyway
        }
    }
}
