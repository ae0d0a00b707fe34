package bakery.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running
 * as its own JVM, as it would on a node: started, asked for readiness, stopped gracefully with
 * SIGTERM or killed with SIGKILL. Like a node, it has two ports: the public one and the management
 * one where readiness and metrics answer.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int httpPort;
    private final int managementPort;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Path log;
    private Process process;

    public ServiceProcess(String name, Path jar, int httpPort) {
        this.name = name;
        this.jar = jar;
        this.httpPort = httpPort;
        this.managementPort = FreePort.next();
        this.log = jar.getParent().getParent().resolve(name + ".log");
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("quarkus.management.port", Integer.toString(managementPort));
    }

    /** Writes the node's output to {@code dir/<name>.log} instead of beside the jar's module. */
    public ServiceProcess logsIn(Path dir) {
        this.log = dir.resolve(name + ".log");
        return this;
    }

    /** A system property for the service (Quarkus reads every config key this way). */
    public ServiceProcess with(String key, String value) {
        config.put(key, value);
        return this;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Where probes and Prometheus ask: /q/health and /q/metrics answer here, not on {@link #baseUrl()}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public ServiceProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service before its integration tests");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** Starts the service and waits until its readiness check says UP. */
    public ServiceProcess startAndAwaitReady() {
        start();
        awaitReady();
        return this;
    }

    public void awaitReady() {
        Await.within(Duration.ofSeconds(60), name + " ready on management port " + managementPort).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return isReady();
        });
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the node vanishes without a chance to clean up, as in a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    /** SIGTERM: the node drains and leaves, as on a scale-in. Returns the exit code. */
    public int terminate(Duration grace) {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        return process.exitValue();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (isAlive()) {
            terminate(Duration.ofSeconds(15));
        }
    }
}
