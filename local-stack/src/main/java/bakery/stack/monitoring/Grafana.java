package bakery.stack.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import bakery.servers.process.Programs;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;

/**
 * The stack's own Grafana, when {@code grafana-server} is installed: the data source and dashboard
 * provisioning from deploy/grafana, pointed at the stack's Prometheus, with data and logs under
 * {@code .bakery/grafana}. Grafana expands the provisioning files' environment variables itself.
 */
public final class Grafana {

    public static final String NAME = "grafana";
    public static final String READY_PATH = "/api/health";

    private static final String BINARY = "grafana-server";
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/share/grafana/bin", "/usr/local/bin");
    /** Where Grafana's packages put its static files when the binary does not sit inside them. */
    private static final Path PACKAGED_HOME = Path.of("/usr/share/grafana");

    private final Path binary;
    private final StackLayout layout;

    public Grafana(Path binary, StackLayout layout) {
        this.binary = binary;
        this.layout = layout;
    }

    public static Optional<Path> find() {
        return Programs.find(BINARY, SYSTEM_DIRS);
    }

    public static String installHint() {
        return "Grafana is not in Debian: get it from https://grafana.com/grafana/download (apt.grafana.com or the tarball with its bin/ on the PATH), "
                + "then ./bakery up starts it with the bakery dashboard";
    }

    Path provisioning() {
        return layout.grafana().resolve("provisioning");
    }

    /** Copies deploy/grafana/provisioning (data source, dashboard provider) for this stack. */
    public void configure() {
        Path source = layout.root().resolve("deploy/grafana/provisioning");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = provisioning().resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + provisioning() + ": " + e.getMessage(), e);
        }
    }

    public Process launch(int port, int prometheusPort) {
        Map<String, String> env = Map.of(
                "GF_SERVER_HTTP_ADDR", "127.0.0.1",
                "GF_SERVER_HTTP_PORT", Integer.toString(port),
                "GF_PATHS_DATA", layout.grafana().resolve("data").toString(),
                "GF_PATHS_LOGS", layout.logs().toString(),
                "GF_PATHS_PROVISIONING", provisioning().toString(),
                "PROMETHEUS_URL", "http://127.0.0.1:" + prometheusPort,
                "GRAFANA_DASHBOARDS", layout.root().resolve("deploy/grafana/dashboards").toString());
        return StackProcesses.launch(List.of(binary.toString(), "--homepath", home().toString()), env, layout.log(NAME),
                layout.grafana());
    }

    /** A tarball's bin/grafana-server sits inside its home (conf/defaults.ini beside bin/); packages use /usr/share/grafana. */
    private Path home() {
        try {
            Path beside = binary.toRealPath().getParent().getParent();
            return beside != null && Files.isRegularFile(beside.resolve("conf/defaults.ini")) ? beside : PACKAGED_HOME;
        } catch (IOException e) {
            return PACKAGED_HOME;
        }
    }
}
