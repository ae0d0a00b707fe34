package bakery.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program run to its end from the repository root: its exit code and output (stdout and stderr together). */
record Command(List<String> args, int exit, String output) {

    static Command run(Duration timeout, List<String> args) {
        try {
            Path log = Files.createTempFile("bakery-command", ".log");
            try {
                Process process = new ProcessBuilder(args).directory(Repo.root().toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(String.join(" ", args) + " did not finish within " + timeout + ":\n"
                            + tail(Files.readString(log, StandardCharsets.UTF_8)));
                }
                return new Command(args, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Command run(Duration timeout, String... args) {
        return run(timeout, List.of(args));
    }

    /** Runs it and fails with its output unless it exits 0. */
    static String ok(Duration timeout, String... args) {
        Command command = run(timeout, args);
        if (command.exit != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + command.exit + ":\n" + tail(command.output));
        }
        return command.output;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
