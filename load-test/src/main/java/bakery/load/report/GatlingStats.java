package bakery.load.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Gatling measured, read from its report's {@code js/stats.json}: per request name and for all
 * requests together, counts and response-time percentiles (Gatling's defaults: percentiles1..4 are
 * p50, p75, p95, p99).
 */
public record GatlingStats(RequestStats all, Map<String, RequestStats> requests) {

    /** One request name's figures; times in milliseconds, rate over the whole simulation. */
    public record RequestStats(String name, long ok, long ko, long p50, long p95, long p99, long max, double meanPerSecond) {
    }

    public static final String STATS_FILE = "js/stats.json";

    public Optional<RequestStats> request(String name) {
        return Optional.ofNullable(requests.get(name));
    }

    public static GatlingStats read(Path statsJson) {
        try {
            return parse(Files.readString(statsJson));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Gatling's " + statsJson, e);
        }
    }

    public static GatlingStats parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            Map<String, RequestStats> requests = new LinkedHashMap<>();
            collect(root.path("contents"), requests);
            return new GatlingStats(stats(root.path("stats")), requests);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Gatling stats.json: " + e.getMessage(), e);
        }
    }

    /** Requests may sit inside groups, which have contents of their own. */
    private static void collect(JsonNode contents, Map<String, RequestStats> into) {
        contents.forEach(node -> {
            if ("REQUEST".equals(node.path("type").asText())) {
                RequestStats s = stats(node.path("stats"));
                into.merge(s.name(), s, (a, b) -> a);
            }
            collect(node.path("contents"), into);
        });
    }

    private static RequestStats stats(JsonNode s) {
        return new RequestStats(s.path("name").asText(),
                number(s.path("numberOfRequests").path("ok")),
                number(s.path("numberOfRequests").path("ko")),
                number(s.path("percentiles1").path("ok")),
                number(s.path("percentiles3").path("ok")),
                number(s.path("percentiles4").path("ok")),
                number(s.path("maxResponseTime").path("ok")),
                decimal(s.path("meanNumberOfRequestsPerSecond").path("ok")));
    }

    /** Gatling writes "-" where a figure has no value (no OK request, say). */
    private static long number(JsonNode n) {
        return n.isNumber() ? n.asLong() : n.isTextual() && n.asText().matches("-?\\d+(\\.\\d+)?") ? (long) Double.parseDouble(n.asText()) : 0;
    }

    private static double decimal(JsonNode n) {
        return n.isNumber() ? n.asDouble() : n.isTextual() && n.asText().matches("-?\\d+(\\.\\d+)?") ? Double.parseDouble(n.asText()) : 0;
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
