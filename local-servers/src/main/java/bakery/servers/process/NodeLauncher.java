package bakery.servers.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way the bakery's tools start a process of the bakery (a node, a server): stdout and
 * stderr appended to its log file. A process {@link #launch launched} outlives the command starting
 * it; a {@link #child} ends with the test that started it.
 */
public final class NodeLauncher {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private NodeLauncher() {
    }

    /**
     * A process that outlives the command starting it: its own session (setsid, so a Ctrl-C in the
     * terminal later does not reach it), no stdin, working in {@code workDir}, with {@code env} on top
     * of this process' environment.
     */
    public static Process launch(List<String> command, Map<String, String> env, Path log, Path workDir) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            return start(pb, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A process that belongs to this one: in its session, so a Ctrl-C that ends a test run ends it
     * too. Its output goes to {@code log}, or nowhere when {@code log} is null.
     */
    public static Process child(List<String> command, Path log) {
        try {
            return start(new ProcessBuilder(command), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static Process start(ProcessBuilder pb, Path log) throws IOException {
        pb.redirectErrorStream(true);
        if (log == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            Files.createDirectories(log.getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return pb.start();
    }

    /** The java binary running this JVM, so every node runs on the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
