package bakery.stack.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the logs of many nodes into one stream ordered by time, each line prefixed by its node.
 * Quarkus, Kafka, Redis and nginx each write their timestamp differently; a line without one (a
 * stack trace) keeps the time of the line before it, so it stays with its message.
 */
public final class LogLines {

    private static final Pattern ISO = Pattern
            .compile("(\\d{4})[-/](\\d{2})[-/](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");
    private static final Pattern REDIS = Pattern
            .compile("(\\d{2}) ([A-Z][a-z]{2}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?");
    private static final Pattern NGINX_ACCESS = Pattern
            .compile("\\[(\\d{2})/([A-Z][a-z]{2})/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2})");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec");
    /** Timestamps sit at the start of a line; looking further finds dates inside messages. */
    private static final int SEARCH = 80;

    private LogLines() {
    }

    /** A line of one node's log. */
    public record Line(String node, String text, String time) {
        public String prefixed(int width) {
            return String.format("%-" + width + "s | %s", node, text);
        }
    }

    /** Sortable time of a line ({@code yyyy-MM-dd HH:mm:ss.SSS}), or null when it shows none. */
    public static String timeOf(String line) {
        String head = line.length() > SEARCH ? line.substring(0, SEARCH) : line;
        Matcher m = ISO.matcher(head);
        if (m.find()) {
            return String.format("%s-%s-%s %s:%s:%s.%s", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                    millis(m.group(7)));
        }
        for (Pattern p : List.of(REDIS, NGINX_ACCESS)) {
            m = p.matcher(head);
            if (m.find()) {
                int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
                String fraction = m.groupCount() >= 7 ? m.group(7) : null;
                return String.format("%s-%02d-%s %s:%s:%s.%s", m.group(3), month, m.group(1), m.group(4), m.group(5),
                        m.group(6), millis(fraction));
            }
        }
        return null;
    }

    private static String millis(String fraction) {
        if (fraction == null) {
            return "000";
        }
        return (fraction + "000").substring(0, 3);
    }

    /** Lines of one node, each with its time (or the time of the line before). */
    public static List<Line> of(String node, List<String> lines) {
        List<Line> result = new ArrayList<>(lines.size());
        String last = "";
        for (String text : lines) {
            String time = timeOf(text);
            if (time != null) {
                last = time;
            }
            result.add(new Line(node, text, last));
        }
        return result;
    }

    /** All nodes' lines in time order; equal times keep each node's own order. */
    public static List<Line> merge(Map<String, List<String>> linesByNode) {
        List<Line> all = new ArrayList<>();
        linesByNode.forEach((node, lines) -> all.addAll(of(node, lines)));
        // A stable sort keeps each node's own order for lines with the same time.
        all.sort(Comparator.comparing(Line::time));
        return all;
    }
}
