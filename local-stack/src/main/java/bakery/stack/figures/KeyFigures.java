package bakery.stack.figures;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The figures {@code ./bakery status} shows without Prometheus: every node's /q/metrics read twice,
 * {@code window} apart, and what happened in between: orders per second by stage (summed over the
 * nodes) and p99 latencies from the histogram buckets (HTTP by service, placed to ready, bake time).
 */
public final class KeyFigures {

    /** Orders per second by stage; p99 in seconds by what was measured (absent: nothing happened in the window). */
    public record Figures(Duration window, Map<String, Double> ordersPerSecond, Map<String, Double> p99Seconds) {
    }

    private static final double QUANTILE = 0.99;

    private final HttpClient http;
    private final Duration timeout;

    public KeyFigures(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Figures sample(List<Integer> ports, Duration window) throws InterruptedException {
        List<MetricsPage> before = scrape(ports);
        Thread.sleep(window.toMillis());
        List<MetricsPage> after = scrape(ports);
        Map<String, Double> orders = new TreeMap<>();
        Map<String, Double> p99 = new TreeMap<>();
        double seconds = window.toMillis() / 1000.0;
        delta(before, after, s -> s.name().equals("bakery_orders_total"), "stage")
                .forEach((stage, count) -> orders.put(stage, count / seconds));
        Map<String, Map<Double, Double>> http = buckets(before, after, "http_server_requests_seconds_bucket", "service");
        http.forEach((service, buckets) -> quantile(buckets).ifPresent(q -> p99.put("HTTP " + service, q)));
        buckets(before, after, "bakery_order_placed_to_ready_seconds_bucket", null)
                .values().forEach(b -> quantile(b).ifPresent(q -> p99.put("placed to ready", q)));
        buckets(before, after, "bakery_bake_time_seconds_bucket", null)
                .values().forEach(b -> quantile(b).ifPresent(q -> p99.put("in the oven", q)));
        return new Figures(window, orders, p99);
    }

    private List<MetricsPage> scrape(List<Integer> ports) {
        return ports.parallelStream().map(this::scrape).toList();
    }

    private MetricsPage scrape(int port) {
        try {
            HttpResponse<String> response = http
                    .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                            .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? MetricsPage.parse(response.body()) : MetricsPage.empty();
        } catch (IOException e) {
            return MetricsPage.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetricsPage.empty();
        }
    }

    /** after - before of the matching samples, summed by one label. */
    static Map<String, Double> delta(List<MetricsPage> before, List<MetricsPage> after, Predicate<MetricsPage.Sample> which,
            String by) {
        Map<String, Double> sums = new TreeMap<>();
        add(sums, after, which, by, 1);
        add(sums, before, which, by, -1);
        sums.values().removeIf(v -> v <= 0);
        return sums;
    }

    /** Bucket increases by upper bound, per value of {@code by} (all together when null). */
    static Map<String, Map<Double, Double>> buckets(List<MetricsPage> before, List<MetricsPage> after, String name, String by) {
        Map<String, Map<Double, Double>> result = new TreeMap<>();
        for (int sign : new int[] { 1, -1 }) {
            for (MetricsPage page : sign > 0 ? after : before) {
                for (MetricsPage.Sample s : page.samples()) {
                    if (s.name().equals(name) && s.labels().containsKey("le")) {
                        String key = by == null ? "" : s.labels().getOrDefault(by, "");
                        double le = s.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY
                                : Double.parseDouble(s.labels().get("le"));
                        result.computeIfAbsent(key, k -> new TreeMap<>()).merge(le, sign * s.value(), Double::sum);
                    }
                }
            }
        }
        return result;
    }

    /** The 99th percentile of cumulative bucket counts, interpolated inside its bucket; empty when no observation. */
    static OptionalDouble quantile(Map<Double, Double> cumulative) {
        List<Map.Entry<Double, Double>> sorted = new ArrayList<>(new TreeMap<>(cumulative).entrySet());
        if (sorted.isEmpty()) {
            return OptionalDouble.empty();
        }
        double total = sorted.get(sorted.size() - 1).getValue();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double rank = QUANTILE * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : sorted) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return OptionalDouble.of(lowerBound);
                }
                double inBucket = bucket.getValue() - lowerCount;
                double share = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return OptionalDouble.of(lowerBound + (bucket.getKey() - lowerBound) * share);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return OptionalDouble.of(lowerBound);
    }

    private static void add(Map<String, Double> sums, List<MetricsPage> pages, Predicate<MetricsPage.Sample> which, String by,
            int sign) {
        for (MetricsPage page : pages) {
            for (MetricsPage.Sample s : page.samples()) {
                if (which.test(s)) {
                    sums.merge(s.labels().getOrDefault(by, ""), sign * s.value(), Double::sum);
                }
            }
        }
    }
}
