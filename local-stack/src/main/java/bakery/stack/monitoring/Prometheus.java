package bakery.stack.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import bakery.servers.process.Programs;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;

/**
 * The stack's own Prometheus, when one is installed: deploy/prometheus/prometheus.yml as is, beside
 * it the target lists written from the stack state (rewritten whenever nodes come or go; Prometheus
 * rereads them by itself), time series and log under {@code .bakery/}.
 */
public record Prometheus(Path binary, StackLayout layout, StackSettings settings) {

    public static final String NAME = "prometheus";
    public static final String READY_PATH = "/-/ready";

    private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/local/bin", "/opt/prometheus");

    public static Optional<Path> find() {
        return Programs.find(NAME, SYSTEM_DIRS);
    }

    public static String installHint() {
        return "Prometheus is not installed (sudo apt-get install -y prometheus); ./bakery status shows the key figures meanwhile";
    }

    Path config() {
        return layout.prometheus().resolve("prometheus.yml");
    }

    /** The folder the config's {@code file_sd_configs} read ({@code targets/*.json} beside the config). */
    static Path targets(StackLayout layout) {
        return layout.prometheus().resolve("targets");
    }

    /** The scrape config from the repository and the target lists of {@code state}. */
    public void configure(StackState state) {
        try {
            Files.createDirectories(layout.prometheus());
            Files.copy(layout.root().resolve("deploy/prometheus/prometheus.yml"), config(),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config() + ": " + e.getMessage(), e);
        }
        followNodes(layout, state);
    }

    /** Rewrites the target lists for the nodes of {@code state}; Prometheus picks them up within its refresh interval. */
    public static void followNodes(StackLayout layout, StackState state) {
        ScrapeTargets.write(targets(layout), state);
    }

    public Process launch(int port) {
        List<String> command = List.of(binary.toString(),
                "--config.file=" + config(),
                "--storage.tsdb.path=" + layout.prometheus().resolve("data"),
                "--storage.tsdb.retention.time=" + settings.text("prometheus.retention"),
                "--web.listen-address=127.0.0.1:" + port);
        return StackProcesses.launch(command, Map.of(), layout.log(NAME), layout.prometheus());
    }
}
