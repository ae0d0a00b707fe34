package bakery.servers.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program the stack runs but does not ship: on the PATH or where distributions put it. */
public final class Programs {

    private Programs() {
    }

    /** {@code extraDirs} are searched after the PATH (sbin, say, which is often not on a user's PATH). */
    public static Optional<Path> find(String name, List<String> extraDirs) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(extraDirs);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }
}
