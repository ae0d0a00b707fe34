package bakery.testkit.routes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ways a stranger respells an address hoping a path rule reads one thing and the router
 * another: matrix parameters, encoded slashes and dots, dot and empty segments, a trailing slash,
 * upper case. Each trick is tried at every place in the path where it could matter.
 */
public final class PathTricks {

    /** One respelling of an address and the trick that made it. */
    public record Trick(String name, String path) {
        @Override
        public String toString() {
            return name + ": " + path;
        }
    }

    private PathTricks() {
    }

    public static List<Trick> of(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        Set<Trick> tricks = new LinkedHashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            tricks.add(new Trick(";x", rebuild(segments, i, segments.get(i) + ";x")));
            tricks.add(new Trick(";jsessionid=1", rebuild(segments, i, segments.get(i) + ";jsessionid=1")));
            tricks.add(new Trick("//", rebuild(segments, i, "/" + segments.get(i))));
            tricks.add(new Trick("%2e", rebuild(segments, i, "%2e/" + segments.get(i))));
            tricks.add(new Trick("%2e%2e", rebuild(segments, i, "x/%2e%2e/" + segments.get(i))));
            tricks.add(new Trick("/./", rebuild(segments, i, "./" + segments.get(i))));
            tricks.add(new Trick("/../", rebuild(segments, i, "x/../" + segments.get(i))));
            tricks.add(new Trick("upper case", rebuild(segments, i, segments.get(i).toUpperCase(Locale.ROOT))));
            if (i + 1 < segments.size()) {
                tricks.add(new Trick("%2F", rebuild(segments, i, segments.get(i) + "%2F" + segments.get(i + 1), i + 1)));
                tricks.add(new Trick("%2f", rebuild(segments, i, segments.get(i) + "%2f" + segments.get(i + 1), i + 1)));
                tricks.add(new Trick("%5C", rebuild(segments, i, segments.get(i) + "%5C" + segments.get(i + 1), i + 1)));
            }
        }
        tricks.add(new Trick("trailing /", path + "/"));
        tricks.add(new Trick("upper case", path.toUpperCase(Locale.ROOT)));
        tricks.removeIf(t -> t.path().equals(path));
        return new ArrayList<>(tricks);
    }

    private static String rebuild(List<String> segments, int at, String replacement) {
        return rebuild(segments, at, replacement, at);
    }

    /** The path with segments {@code from..to} replaced by {@code replacement}. */
    private static String rebuild(List<String> segments, int from, String replacement, int to) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i == from) {
                path.append('/').append(replacement);
            } else if (i < from || i > to) {
                path.append('/').append(segments.get(i));
            }
        }
        return path.toString();
    }
}
