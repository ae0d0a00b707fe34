package bakery.stack.process;

import java.nio.file.Path;

/**
 * Where the stack keeps everything: the repository it runs from ({@code root}, holding the packaged
 * services) and its home ({@code .bakery/}: state, logs, data of every server).
 */
public record StackLayout(Path root, Path home) {

    /** The repository root is given by the {@code ./bakery} script; the home may be moved with BAKERY_HOME. */
    public static StackLayout of(Path root, String homeOverride) {
        Path home = homeOverride == null || homeOverride.isBlank() ? root.resolve(".bakery") : Path.of(homeOverride);
        return new StackLayout(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize());
    }

    public Path stateFile() {
        return home.resolve("stack.json");
    }

    public Path lockFile() {
        return home.resolve("stack.lock");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path log(String nodeId) {
        return logs().resolve(nodeId + ".log");
    }

    /** What each node knew when it stopped or was collected: one folder per node and moment. */
    public Path archive() {
        return home.resolve("archive");
    }

    public Path kafka() {
        return home.resolve("kafka");
    }

    public Path postgres() {
        return home.resolve("postgres");
    }

    public Path redis() {
        return home.resolve("redis");
    }

    public Path mail() {
        return home.resolve("mail");
    }

    public Path nginx() {
        return home.resolve("nginx");
    }

    /** Prometheus' config, the target lists it discovers the nodes from, and its time series. */
    public Path prometheus() {
        return home.resolve("prometheus");
    }

    /** Grafana's data and the provisioning (data source, dashboards) written for this stack. */
    public Path grafana() {
        return home.resolve("grafana");
    }

    /** The stack's own secrets (the staff cookie key), readable by its owner only. */
    public Path cookieKey() {
        return home.resolve("secrets").resolve("cookie-key");
    }

    public Path bin() {
        return home.resolve("bin");
    }

    /** The local-stack jar itself, whose manifest class path carries every library. */
    public Path stackJar() {
        return root.resolve("local-stack/target/local-stack.jar");
    }

    public Path stackLib() {
        return root.resolve("local-stack/target/lib");
    }
}
