package bakery.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Quarkus node's start to ready as it reports it itself: "... started in 1.234s." (the last start in its log). */
public final class NodeStarts {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private NodeStarts() {
    }

    public static OptionalDouble lastStart(List<String> logLines) {
        Double seconds = null;
        for (String line : logLines) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                seconds = Double.parseDouble(m.group(1));
            }
        }
        return seconds == null ? OptionalDouble.empty() : OptionalDouble.of(seconds);
    }

    public static OptionalDouble lastStart(Path log) {
        try {
            return Files.exists(log) ? lastStart(Files.readAllLines(log)) : OptionalDouble.empty();
        } catch (IOException | RuntimeException unreadable) {
            return OptionalDouble.empty();
        }
    }
}
