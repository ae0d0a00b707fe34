package bakery.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Gatling measured, read from its report. Gatling 3.15 no longer writes {@code js/stats.json};
 * the figures are in the statistics table of {@code index.html}, one row per request name plus
 * "All Requests", in fixed columns: total, OK, KO, % KO, count/s, min, p50, p75, p95, p99, max,
 * mean, std dev (response times in ms, over OK and KO requests).
 */
public record GatlingStats(RequestStats all, Map<String, RequestStats> requests) {

    /** One request name's figures; times in milliseconds, rate over the whole simulation. */
    public record RequestStats(String name, long ok, long ko, long p50, long p95, long p99, long max, double meanPerSecond) {
    }

    static final String STATS_FILE = "index.html";
    static final String ALL_REQUESTS = "All Requests";

    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]*\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");

    public Optional<RequestStats> request(String name) {
        return Optional.ofNullable(requests.get(name));
    }

    /** The file of a report folder that holds the figures. */
    public static Path statsFile(Path report) {
        return report.resolve(STATS_FILE);
    }

    public static GatlingStats read(Path indexHtml) {
        try {
            return parse(Files.readString(indexHtml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Gatling's " + indexHtml, e);
        }
    }

    public static GatlingStats parse(String html) {
        Map<String, RequestStats> requests = new LinkedHashMap<>();
        RequestStats all = null;
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            RequestStats s = new RequestStats(unescape(name.group(1)), number(cells.get(3)), number(cells.get(4)),
                    number(cells.get(8)), number(cells.get(10)), number(cells.get(11)), number(cells.get(12)),
                    decimal(cells.get(6)));
            if (s.name().equals(ALL_REQUESTS) && all == null) {
                all = s;
            } else {
                requests.putIfAbsent(s.name(), s);
            }
        }
        if (all == null) {
            throw new IllegalArgumentException(
                    "no Gatling statistics table (no \"" + ALL_REQUESTS + "\" row) in this " + STATS_FILE);
        }
        return new GatlingStats(all, requests);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;",
                "&");
    }

    /** Gatling writes "-" where a figure has no value (no OK request, say). */
    private static long number(String text) {
        return (long) decimal(text);
    }

    private static double decimal(String text) {
        return text != null && text.matches("-?\\d+(\\.\\d+)?") ? Double.parseDouble(text) : 0;
    }

    /** The newest report folder under Gatling's results folder (one per run), if any. */
    public static Optional<Path> newestReport(Path resultsFolder) {
        if (!Files.isDirectory(resultsFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.filter(d -> Files.isRegularFile(d.resolve(STATS_FILE)))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
