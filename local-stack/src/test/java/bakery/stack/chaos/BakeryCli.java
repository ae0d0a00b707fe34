package bakery.stack.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./bakery} script for a test's own stack: its home, its port offset, its environment. */
record BakeryCli(Path root, Path home, int portOffset, Map<String, String> env, Duration timeout) {

    record Result(int exit, String output) {
        /** The last line, where chaos prints its verdict. */
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bakery").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("bakery-" + args[0], ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BAKERY_HOME", home.toString());
        pb.environment().put("BAKERY_PORT_OFFSET", Integer.toString(portOffset));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ ./bakery " + String.join(" ", args) + "\n" + output);
        return new Result(p.isAlive() ? -1 : p.exitValue(), output);
    }
}
