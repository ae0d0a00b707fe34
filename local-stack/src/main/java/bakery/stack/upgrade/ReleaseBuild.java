package bakery.stack.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import bakery.servers.readiness.ReadinessWait;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.Progress;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Service;
import bakery.stack.process.StackLayout;
import bakery.stack.release.Release;
import bakery.stack.release.Releases;

/**
 * Builds the release an upgrade moves to: the working tree as it is, or a git ref checked out apart
 * ({@code git archive} into {@code <home>/builds/<commit>/}, so the working tree and the repository's
 * worktrees stay untouched), each packaged with the reactor's own wrapper and kept in the releases.
 */
public record ReleaseBuild(StackLayout layout, Releases releases, Progress progress, List<String> mavenArguments,
        Duration timeout) {

    /**
     * The stack's own build of releases, with its settings {@code release.build-arguments} and {@code release.build-timeout}.
     */
    public static ReleaseBuild of(LocalStack stack) {
        return new ReleaseBuild(stack.layout(), stack.releases(), stack.progress(),
                stack.settings().words("release.build-arguments"),
                stack.settings().duration("release.build-timeout"));
    }

    /**
     * The working tree, packaged again so the release holds what is there now; a committed tree whose
     * release is already kept needs no build (the upgrade is then a rolling restart onto it).
     */
    public Release workingTree(Set<String> inUse) {
        Optional<Release> kept = releases.keptForCleanWorkingTree();
        if (kept.isPresent()) {
            progress.step(
                    "release " + kept.get().name() + " is already built from the committed working tree: nothing to build");
            return kept.get();
        }
        progress.step("building the working tree (" + layout.root() + ")");
        maven(layout.root());
        return releases.fromWorkingTree(inUse);
    }

    /**
     * The commit {@code ref} names, checked out apart and packaged there; the checkout is deleted once kept.
     * A commit whose release is kept already needs no build.
     */
    public Release ref(String ref) {
        String commit = run(layout.root(), null, "git", "rev-parse", "--verify", "--short=7", ref + "^{commit}")
                .orElseThrow(() -> new StackException(
                        "no commit '" + ref + "' in " + layout.root() + ": name a branch, tag or commit (git log shows them)"));
        Optional<Release> kept = releases.keptOf(commit);
        if (kept.isPresent()) {
            progress.step("release " + kept.get().name() + " of " + ref + " is kept already: nothing to build");
            return kept.get();
        }
        Path tree = layout.home().resolve("builds").resolve(commit);
        try {
            Releases.delete(tree);
            Files.createDirectories(tree);
            Path archive = tree.resolve("source.tar");
            progress.step("checking out " + ref + " (" + commit + ") into " + tree);
            run(layout.root(), null, "git", "archive", "--format=tar", "-o", archive.toString(), commit)
                    .orElseThrow(() -> new StackException("git archive of " + commit + " failed"));
            run(tree, null, "tar", "-xf", archive.toString())
                    .orElseThrow(() -> new StackException("unpacking " + archive + " failed"));
            Files.delete(archive);
            maven(tree);
            return releases.fromBuild(tree, commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check out " + commit + " into " + tree, e);
        } finally {
            try {
                Releases.delete(tree);
            } catch (IOException e) {
                progress.step("could not delete " + tree + ": " + e.getMessage());
            }
        }
    }

    /** {@code ./mvnw <mavenArguments> -pl <every service> -am} in the tree; a failed build stops with its log's tail. */
    private void maven(Path tree) {
        List<String> command = new ArrayList<>(List.of(tree.resolve("mvnw").toString()));
        command.addAll(mavenArguments);
        command.addAll(List.of("-pl", String.join(",", Stream.of(Service.values()).map(Service::module).toList()), "-am"));
        Path log = layout.logs().resolve("release-build.log");
        Instant began = Instant.now();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + log, e);
        }
        progress.step("packaging every service: " + String.join(" ", command.subList(1, command.size())) + " (log " + log
                + ")");
        if (run(tree, log, command.toArray(String[]::new)).isEmpty()) {
            throw new StackException("the release build failed; nothing was replaced. Last lines of " + log + ":\n"
                    + ReadinessWait.tail(log));
        }
        progress.step(String.format("packaged (%.0f s)", Duration.between(began, Instant.now()).toMillis() / 1000.0));
    }

    /** Runs a command in {@code dir} to its end: its trimmed output when it succeeded (or "" when logged), else empty. */
    private Optional<String> run(Path dir, Path log, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            if (log != null) {
                Files.createDirectories(log.getParent());
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            Process p = builder.start();
            String out = log == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() : "";
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new StackException(command[0] + " did not finish within " + timeout.toMinutes() + " min"
                        + (log == null ? "" : "; log " + log));
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            throw new StackException("could not run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + command[0] + " ran", e);
        }
    }
}
