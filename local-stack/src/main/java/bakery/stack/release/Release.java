package bakery.stack.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One build of the bakery, named by version and commit ({@code 1.0.0-SNAPSHOT-3f2a9c1}, with
 * {@code -dirty} when the working tree had changes not committed), kept under
 * {@code <home>/releases/<name>/<service>/quarkus-app/} so that nodes of two releases can run side by side.
 */
public record Release(String name) {

    private static final String DIRTY = "-dirty";

    public static Release of(String version, String commit, boolean dirty) {
        return new Release(version + "-" + commit + (dirty ? DIRTY : ""));
    }

    /** Built from changes not committed: {@code -dirty}, or {@code -dirty2}... when an earlier copy was still in use. */
    public boolean dirty() {
        return name.matches(".*" + DIRTY + "\\d*");
    }

    /**
     * The release a node runs, read from its own command line: the {@code -jar} it was started with,
     * when that lies in {@code releases}. Empty for a node run from elsewhere (a stack started before
     * releases existed).
     */
    public static Optional<Release> ofCommandLine(List<String> arguments, Path releases) {
        int jar = arguments.indexOf("-jar");
        if (jar < 0 || jar + 1 >= arguments.size()) {
            return Optional.empty();
        }
        Path path = Path.of(arguments.get(jar + 1)).toAbsolutePath().normalize();
        Path dir = releases.toAbsolutePath().normalize();
        if (!path.startsWith(dir) || path.getNameCount() <= dir.getNameCount()) {
            return Optional.empty();
        }
        return Optional.of(new Release(path.getName(dir.getNameCount()).toString()));
    }
}
