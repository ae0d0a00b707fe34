package bakery.stack.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import bakery.stack.orchestration.StackException;
import bakery.stack.process.Service;
import bakery.stack.process.StackLayout;

/**
 * The stack's releases under {@code <home>/releases/}: each a copy of every service's packaged
 * {@code quarkus-app}, so a rebuild of the working tree never changes what a running node runs.
 */
public record Releases(StackLayout layout) {

    static final String UNKNOWN_COMMIT = "nogit";

    public Path dir() {
        return layout.home().resolve("releases");
    }

    public Path jar(Release release, Service service) {
        return dir().resolve(release.name()).resolve(service.module()).resolve("quarkus-app/quarkus-run.jar");
    }

    /** The release a running process runs, read from its command line in {@code /proc}. */
    public Optional<Release> runBy(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> arguments = List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
            return Release.ofCommandLine(arguments, dir());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The working tree's packaged services as a release named by their version and the tree's
     * commit. A release already kept is reused as it is, unless it was built from changes not
     * committed ({@code -dirty}): that one is copied again, as the changes may have moved on.
     */
    public Release fromWorkingTree() {
        return fromWorkingTree(Set.of());
    }

    /**
     * As {@link #fromWorkingTree()}, but a {@code -dirty} release named in {@code inUse} (nodes run
     * from it, or rollback returns to it) is never copied over: the new copy takes the next free
     * name, {@code -dirty2}, {@code -dirty3}...
     */
    public Release fromWorkingTree(Set<String> inUse) {
        Path root = layout.root();
        Release release = ofWorkingTree(root);
        if (release.dirty()) {
            String name = release.name();
            for (int n = 2; inUse.contains(release.name()); n++) {
                release = new Release(name + n);
            }
        }
        return keep(root, release);
    }

    /**
     * The release of the working tree when there is nothing to build: every change committed and that
     * commit's release already kept (a release named by a commit never changes).
     */
    public Optional<Release> keptForCleanWorkingTree() {
        Path root = layout.root();
        if (!Files.isRegularFile(Service.ORDER_SERVICE.jar(root))) {
            return Optional.empty();
        }
        Release release = ofWorkingTree(root);
        return release.dirty() || release.name().endsWith("-" + UNKNOWN_COMMIT) || !kept(release) ? Optional.empty()
                : Optional.of(release);
    }

    /** The working tree's packaged services named by their version, the tree's commit and whether it has changes. */
    private Release ofWorkingTree(Path root) {
        return Release.of(version(Service.ORDER_SERVICE.jar(root)),
                git(root, "rev-parse", "--short=7", "HEAD").orElse(UNKNOWN_COMMIT),
                git(root, "status", "--porcelain").map(s -> !s.isBlank()).orElse(false));
    }

    /** The services packaged in {@code tree} (a checkout of {@code commit} built apart) as a release. */
    public Release fromBuild(Path tree, String commit) {
        return keep(tree, Release.of(version(Service.ORDER_SERVICE.jar(tree)), commit, false));
    }

    private Release keep(Path root, Release release) {
        Path target = dir().resolve(release.name());
        if (Files.isDirectory(target) && !release.dirty()) {
            return release;
        }
        Path staging = dir().resolve("." + release.name() + ".copying");
        try {
            delete(staging);
            for (Service s : Service.values()) {
                Path app = s.jar(root).getParent();
                copyTree(app, staging.resolve(s.module()).resolve(app.getFileName()));
            }
            delete(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the release " + release.name() + " in " + target, e);
        }
        return release;
    }

    /** The release kept for {@code commit} (short name), built from it apart: a release named by a commit never changes. */
    public Optional<Release> keptOf(String commit) {
        if (!Files.isDirectory(dir())) {
            return Optional.empty();
        }
        try (Stream<Path> kept = Files.list(dir())) {
            return kept.map(p -> new Release(p.getFileName().toString()))
                    .filter(r -> r.name().endsWith("-" + commit) && kept(r)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the releases in " + dir(), e);
        }
    }

    /**
     * The git ref of the release before this one, as the repository records it in {@code file} (relative
     * to the repository root): its first line that is neither blank nor a {@code #} comment.
     */
    public String previousRef(String file) {
        Path recorded = layout.root().resolve(file);
        try (Stream<String> lines = Files.lines(recorded)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new StackException(recorded + " names no commit"));
        } catch (IOException e) {
            throw new StackException("cannot read the previous release's commit from " + recorded + ": " + e.getMessage());
        }
    }

    /** Whether the release's copy is kept here, so nodes can start from it. */
    public boolean kept(Release release) {
        return Files.isRegularFile(jar(release, Service.ORDER_SERVICE));
    }

    /** The service's version as its build wrote it into the runner jar's manifest. */
    static String version(Path runnerJar) {
        try (JarFile jar = new JarFile(runnerJar.toFile())) {
            String version = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            if (version == null || version.isBlank()) {
                throw new StackException(runnerJar + " names no Implementation-Version: rebuild it with ./mvnw package");
            }
            return version;
        } catch (IOException e) {
            throw new StackException(runnerJar + " cannot be read (" + e.getMessage() + "): rebuild it with ./mvnw package");
        }
    }

    private static Optional<String> git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a folder and all it holds; a folder that is not there is fine. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
