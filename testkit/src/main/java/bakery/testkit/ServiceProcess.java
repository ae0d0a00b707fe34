package bakery.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import bakery.servers.process.NodeLauncher;
import bakery.servers.readiness.Probes;
import bakery.servers.readiness.ReadinessWait;

/**
 * One instance of a packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running
 * as its own JVM, as it would on a node: started, asked for readiness, stopped gracefully with
 * SIGTERM or killed with SIGKILL. Like a node, it has two ports: the public one and the management
 * one where readiness and metrics answer.
 */
public final class ServiceProcess implements ReadinessWait.Starting, AutoCloseable {

    /** How long a node may take from launch to ready on a busy machine. */
    private static final ReadinessWait READY = new ReadinessWait(Duration.ofSeconds(120), Duration.ofMillis(50));
    private static final Probes PROBES = new Probes(Duration.ofSeconds(2));

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

    @Override
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

    @Override
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
        List<String> command = new ArrayList<>(List.of(NodeLauncher.java(), "-Xmx256m", "-XX:+UseSerialGC"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        Process node = NodeLauncher.child(command, log);
        // a test JVM that ends early (a failed set-up, an interrupted run) leaves no node behind
        Runtime.getRuntime().addShutdownHook(new Thread(node::destroyForcibly, name + "-stop"));
        process = node;
        return this;
    }

    /** Starts the service and waits until its readiness check says UP. */
    public ServiceProcess startAndAwaitReady() {
        start();
        awaitReady();
        return this;
    }

    /** Waits until readiness says UP; fails at once, with the log's last lines, should the node exit first. */
    public void awaitReady() {
        READY.await(List.of(this), (node, after) -> {
        });
    }

    public boolean isReady() {
        return PROBES.httpReady(managementPort);
    }

    @Override
    public boolean ready() {
        return isReady();
    }

    @Override
    public boolean running() {
        return isAlive();
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
