package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the real {@code ./bakery} script for a test's own stack: its home, its port offset, its
 * environment, so it never meets a developer's running stack.
 */
public record BakeryCli(Path root, Path home, int portOffset, Map<String, String> env, Duration timeout) {

    /** The checkout the script lives in: the reactor's root, beside this module. */
    public static final Path ROOT = Path.of(System.getProperty("bakery.root", "..")).toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stack of this checkout whose home is {@code local-stack/target/<name>}. */
    public static BakeryCli stack(String name, int portOffset, Map<String, String> env, Duration timeout) {
        return new BakeryCli(ROOT, ROOT.resolve("local-stack/target").resolve(name), portOffset, env, timeout);
    }

    public record Result(int exit, String output) {
        /** The last line, where chaos prints its verdict. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** The same stack, its commands run with these variables on top of (or instead of) the stack's own. */
    public BakeryCli with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new BakeryCli(root, home, portOffset, Map.copyOf(merged), timeout);
    }

    /** A local port of this stack: the default port moved by the stack's offset. */
    public int port(int defaultPort) {
        return defaultPort + portOffset;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bakery-" + args[0], ".log");
        Process p = command(log, args).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ ./bakery " + String.join(" ", args) + "\n" + output);
        return new Result(p.isAlive() ? -1 : p.exitValue(), output);
    }

    /**
     * Starts the command in the background (the stack's controller, {@code autoscale}), its output in {@code log};
     * the caller stops it.
     */
    public Process start(Path log, String... args) throws IOException {
        return command(log, args).start();
    }

    /** {@code ./bakery args} against this stack's home and ports, its output to {@code log}. */
    private ProcessBuilder command(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bakery").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BAKERY_HOME", home.toString());
        pb.environment().put("BAKERY_PORT_OFFSET", Integer.toString(portOffset));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs the command and asserts that it succeeded, showing what it said when it did not. */
    public Result succeeds(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit()).as("./bakery %s said:\n%s", String.join(" ", args), result.output()).isZero();
        return result;
    }

    /** {@code ./bakery status --json}: the stack's instances as the script sees them. */
    public JsonNode status() throws IOException, InterruptedException {
        return JSON.readTree(succeeds("status", "--json").output());
    }

    public static List<JsonNode> instances(JsonNode status) {
        List<JsonNode> instances = new ArrayList<>();
        status.get("instances").forEach(instances::add);
        return instances;
    }

    /** Forgets a previous run's stack: its state, logs and data. */
    public void deleteHome() throws IOException {
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                paths.sorted(Collections.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
