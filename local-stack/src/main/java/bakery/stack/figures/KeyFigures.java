package bakery.stack.figures;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import bakery.servers.metrics.MetricsPage;
import bakery.servers.readiness.Probes;

/**
 * The figures {@code ./bakery status} shows without Prometheus: every node's /q/metrics read twice,
 * {@code window} apart, and what happened in between: orders per second by stage (summed over the
 * nodes) and p99 latencies from the histogram buckets (HTTP by service, placed to ready, bake time).
 * Only nodes read at both ends of the window count: a node that did not answer one of the two reads
 * would otherwise add its whole counter as if it had all happened in the window.
 */
public final class KeyFigures {

    /**
     * Orders per second by stage (0 for a stage nothing reached in the window); p99 in seconds by what
     * was measured (absent: nothing happened in the window); {@code nodesUnread}: nodes left out
     * because one of the two reads got no page.
     */
    public record Figures(Duration window, Map<String, Double> ordersPerSecond, Map<String, Double> p99Seconds,
            int nodesUnread) {
    }

    /**
     * The ovens of the baking workers as their pages show them: {@code bakers} answered, with
     * {@code slots} oven slots in all; {@code bakes} orders came out of them so far, after
     * {@code bakeSeconds} of oven time in all (at the speed factor each worker runs with).
     */
    public record Ovens(int bakers, int slots, long bakes, double bakeSeconds) {
        /** Mean oven time of one order so far, or empty when nothing was baked yet. */
        public OptionalDouble meanBakeSeconds() {
            return bakes > 0 ? OptionalDouble.of(bakeSeconds / bakes) : OptionalDouble.empty();
        }
    }

    private static final double QUANTILE = 0.99;

    private final Probes probes;

    public KeyFigures(Duration timeout) {
        this.probes = new Probes(timeout);
    }

    /** Reads every node at the start and at the end of {@code window}, the end being now. */
    public Figures sample(List<Integer> ports, Duration window) throws InterruptedException {
        Map<Integer, Optional<MetricsPage>> first = scrape(ports);
        Thread.sleep(window.toMillis());
        return between(first, scrape(ports), window);
    }

    /** The figures of the window between two reads of the same nodes (by port; empty: the node gave no page). */
    static Figures between(Map<Integer, Optional<MetricsPage>> first, Map<Integer, Optional<MetricsPage>> second,
            Duration window) {
        List<Integer> ports = first.keySet().stream().sorted().toList();
        List<Integer> readTwice = ports.stream()
                .filter(p -> first.get(p).isPresent() && second.getOrDefault(p, Optional.empty()).isPresent()).toList();
        List<MetricsPage> before = readTwice.stream().map(p -> first.get(p).orElseThrow()).toList();
        List<MetricsPage> after = readTwice.stream().map(p -> second.get(p).orElseThrow()).toList();
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
        return new Figures(window, orders, p99, ports.size() - readTwice.size());
    }

    /** One read of the baking workers' pages: their oven slots and what came out of their ovens so far. */
    public Ovens ovens(List<Integer> bakerPorts) {
        int bakers = 0;
        double slots = 0;
        double bakes = 0;
        double bakeSeconds = 0;
        for (Optional<MetricsPage> page : scrape(bakerPorts).values()) {
            if (page.isEmpty() || page.get().samples().stream().noneMatch(s -> s.name().equals("bakery_oven_slots"))) {
                continue;
            }
            bakers++;
            for (MetricsPage.Sample s : page.get().samples()) {
                switch (s.name()) {
                    case "bakery_oven_slots" -> slots += s.value();
                    case "bakery_bake_time_seconds_count" -> bakes += s.value();
                    case "bakery_bake_time_seconds_sum" -> bakeSeconds += s.value();
                    default -> {
                    }
                }
            }
        }
        return new Ovens(bakers, (int) slots, (long) bakes, bakeSeconds);
    }

    private Map<Integer, Optional<MetricsPage>> scrape(List<Integer> ports) {
        Map<Integer, Optional<MetricsPage>> pages = new ConcurrentHashMap<>();
        ports.parallelStream().forEach(port -> pages.put(port, scrape(port)));
        return pages;
    }

    private Optional<MetricsPage> scrape(int port) {
        try {
            return Optional.of(MetricsPage.of(URI.create("http://localhost:" + port + "/q/metrics"), probes));
        } catch (UncheckedIOException | IllegalStateException noPage) {
            return Optional.empty();
        }
    }

    /**
     * What the matching counters rose by between two reads of the same nodes ({@code before} and
     * {@code after} list the nodes in the same order), summed by one label; 0 for a counter that did
     * not move. A counter that went down belongs to a node restarted on the same port: its whole new
     * value happened since.
     */
    static Map<String, Double> delta(List<MetricsPage> before, List<MetricsPage> after, Predicate<MetricsPage.Sample> which,
            String by) {
        Map<String, Double> sums = new TreeMap<>();
        for (int node = 0; node < after.size(); node++) {
            Map<Map<String, String>, Double> earlier = new HashMap<>();
            for (MetricsPage.Sample s : before.get(node).samples()) {
                if (which.test(s)) {
                    earlier.merge(s.labels(), s.value(), Double::sum);
                }
            }
            for (MetricsPage.Sample s : after.get(node).samples()) {
                if (which.test(s)) {
                    double was = earlier.getOrDefault(s.labels(), 0.0);
                    sums.merge(s.labels().getOrDefault(by, ""), s.value() >= was ? s.value() - was : s.value(), Double::sum);
                }
            }
        }
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
}
