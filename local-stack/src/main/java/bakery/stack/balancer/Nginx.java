package bakery.stack.balancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import bakery.servers.process.Pids;
import bakery.servers.process.Programs;
import bakery.stack.process.StackProcesses;

/**
 * The local balancer: a private nginx (own prefix, config, pid and logs under {@code .bakery/nginx})
 * whose upstreams are rewritten and reloaded whenever web or order-service nodes come or go.
 */
public record Nginx(Path binary, Path prefix, Path logs) {

    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/sbin");

    /** nginx from the PATH or where distributions put it (sbin is often not on a user's PATH). */
    public static Optional<Path> find() {
        return Programs.find("nginx", SYSTEM_DIRS);
    }

    public static String installHint() {
        return "nginx is not installed. Install it and run the command again:\n"
                + "  Debian/Ubuntu:  sudo apt-get install -y nginx\n"
                + "  Fedora/RHEL:    sudo dnf install -y nginx\n"
                + "  macOS:          brew install nginx\n"
                + "(./bakery installs it by itself when run as root on Debian.)";
    }

    Path mainConfig() {
        return prefix.resolve("nginx.conf");
    }

    Path siteConfig() {
        return prefix.resolve("bakery.conf");
    }

    /** Writes both config files and asks nginx whether it accepts them. */
    public void configure(String site) {
        try {
            Files.createDirectories(prefix.resolve("temp"));
            Files.createDirectories(logs);
            Files.writeString(siteConfig(), site, StandardCharsets.UTF_8);
            Files.writeString(mainConfig(), NginxConfig.main(prefix, logs, siteConfig()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("-t");
    }

    public Process launch() {
        return StackProcesses.launch(command(), Map.of(), logs.resolve("nginx.log"), prefix);
    }

    /**
     * Loads the written config into the running nginx and waits until the workers of the old config
     * have finished their requests, so a node removed from the upstream gets no more traffic.
     */
    public void reload(long masterPid, Duration drain, Duration poll) {
        List<ProcessHandle> oldWorkers = ProcessHandle.of(masterPid).map(h -> h.children().toList()).orElse(List.of());
        run("-s", "reload");
        for (ProcessHandle worker : oldWorkers) {
            Pids.awaitExit(worker.pid(), worker.info().startInstant().orElse(null), drain, poll);
        }
    }

    private List<String> command(String... extra) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-p", prefix.toString(), "-c", mainConfig().toString(), "-e", logs.resolve("nginx.log").toString()));
        command.addAll(List.of(extra));
        return command;
    }

    private void run(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("nginx " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
