package bakery.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * docker-compose.yml run by deploy/podman/compose under a project name of its own, with a throwaway env file
 * (fresh secrets, the balancer's host port) and an override file, both in a temporary folder, never the
 * repository's .env. Containers are read with podman itself.
 */
final class ComposeProject {

    static final String COMPOSE = ReadmeDeploySection.COMPOSE;
    static final String PODMAN = "deploy/podman/podman";
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;
    final int balancerPort;
    private final Path envFile;
    private final Path override;

    ComposeProject(String name, int balancerPort, Path folder, Map<String, Map<String, String>> environmentOverrides) {
        this.name = name;
        this.balancerPort = balancerPort;
        this.envFile = folder.resolve("bakery.env");
        this.override = folder.resolve("docker-compose.override.yml");
        StringBuilder yaml = new StringBuilder("services:\n");
        environmentOverrides.forEach((service, env) -> {
            yaml.append("  ").append(service).append(":\n    environment:\n");
            env.forEach((k, v) -> yaml.append("      ").append(k).append(": \"").append(v).append("\"\n"));
        });
        write(override, yaml.toString());
    }

    /** Fresh secrets for this run only; the staff hashes come from the web tier's own PasswordHashes, in its image. */
    void writeSecrets(String webTierImage) {
        String env = String.join("\n",
                "BALANCER_PORT=" + balancerPort,
                "AUTH_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(random(32)),
                "STAFF_PASSWORD_HASH='" + passwordHash(webTierImage) + "'",
                "OPS_PASSWORD_HASH='" + passwordHash(webTierImage) + "'",
                "DB_USER=bakery",
                "DB_PASSWORD=" + HexFormat.of().formatHex(random(24)),
                "REDIS_PASSWORD=" + HexFormat.of().formatHex(random(24)), "");
        write(envFile, env);
        try {
            Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String passwordHash(String webTierImage) {
        String password = HexFormat.of().formatHex(random(16));
        return Command.ok(STEP, PODMAN, "run", "--rm", "--entrypoint", "java", webTierImage, "-cp",
                "/deployments/lib/main/*:/deployments/app/*", "bakery.web.security.PasswordHashes", password).strip()
                .lines().reduce((first, last) -> last).orElseThrow();
    }

    /** `compose ARGS` for this project; fails with compose's output unless it exits 0. */
    String compose(String... args) {
        return Command.ok(STEP, composeCommand(args));
    }

    String[] composeCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(COMPOSE, "--project-name", name, "--file", "docker-compose.yml",
                "--file", override.toString(), "--env-file", envFile.toString()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    /** The running containers of one service (every service when null), by name. */
    List<String> containers(String service) {
        List<String> args = new ArrayList<>(
                List.of(ComposeProject.PODMAN, "ps", "--filter", "label=com.docker.compose.project=" + name));
        if (service != null) {
            args.addAll(List.of("--filter", "label=com.docker.compose.service=" + service));
        }
        args.addAll(List.of("--format", "{{.Names}}"));
        return Command.ok(STEP, args.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** Every container of the project, running or not. */
    List<String> allContainers() {
        return Command.ok(STEP, PODMAN, "ps", "--all", "--filter", "label=com.docker.compose.project=" + name,
                "--format", "{{.Names}}").lines().filter(l -> !l.isBlank()).toList();
    }

    String inspect(String container, String format) {
        return Command.ok(STEP, PODMAN, "inspect", "--format", format, container).strip();
    }

    String inspectImage(String image, String format) {
        return Command.ok(STEP, PODMAN, "image", "inspect", "--format", format, image).strip();
    }

    String health(String container) {
        return inspect(container, "{{.State.Health.Status}}");
    }

    /** The container's addresses on the project's networks. */
    Set<String> addresses(String service) {
        Set<String> found = new TreeSet<>();
        for (String container : containers(service)) {
            found.addAll(
                    List.of(inspect(container, "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}").split("\\s+")));
        }
        found.remove("");
        return found;
    }

    void kill(String container) {
        Command.ok(STEP, PODMAN, "kill", "--signal", "KILL", container);
    }

    /** A command inside one of the service's containers (the first one). */
    String exec(String service, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", "-T", service));
        args.addAll(List.of(command));
        return compose(args.toArray(String[]::new));
    }

    /** Each container's state, health and last log lines: what to read when the bakery did not come up. */
    String diagnosis() {
        StringBuilder text = new StringBuilder();
        for (String container : allContainers()) {
            text.append("--- ").append(container).append(' ')
                    .append(Command
                            .run(STEP, PODMAN, "inspect", "--format", "{{.State.Status}} {{.State.Health.Status}}", container)
                            .output().strip())
                    .append('\n');
            List<String> log = Command.run(STEP, PODMAN, "logs", "--tail", "15", container).output().lines().toList();
            log.forEach(line -> text.append("    ").append(line).append('\n'));
        }
        return text.toString();
    }

    /** Networks and volumes the project left behind. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>(allContainers());
        Command.ok(STEP, PODMAN, "network", "ls", "--format", "{{.Name}}").lines()
                .filter(n -> n.startsWith(name + "_")).forEach(left::add);
        Command.ok(STEP, PODMAN, "volume", "ls", "--format", "{{.Name}}").lines()
                .filter(v -> v.startsWith(name + "_")).forEach(left::add);
        return left;
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
