package bakery.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a process that outlives the command starting it: its own session (setsid, so a Ctrl-C in
 * the terminal later does not reach it), no stdin, stdout and stderr appended to its log file, and
 * the stack's {@code process.environment} under the caller's own variables.
 */
public final class NodeLauncher {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String ENVIRONMENT = "process.environment";

    private NodeLauncher() {
    }

    public static Process launch(List<String> command, Map<String, String> env, Path log, Path workDir) {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(stackEnvironment(StackSettings.fromEnvironment()));
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** {@code process.environment}: KEY=VALUE words every started process gets (MALLOC_ARENA_MAX=2, say). */
    static Map<String, String> stackEnvironment(StackSettings settings) {
        return environment(settings, ENVIRONMENT);
    }

    /** A setting of KEY=VALUE words, as environment variables. */
    public static Map<String, String> environment(StackSettings settings, String key) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : settings.words(key)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key + " takes KEY=VALUE words, not '" + word + "'");
            }
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return env;
    }

    /** The java binary running this command, so every node runs on the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
