package bakery.stack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import bakery.load.report.BenchSummary;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.process.Pids;
import bakery.stack.process.Instance;

/**
 * Looks at the running stack at a fixed interval while the benchmark runs: the RSS of every
 * service node and the lag of every consumer group of the bakery's services.
 */
public final class StackSampler implements AutoCloseable {

    /** One look at the lag: "group / topic" -> lag summed over the topic's partitions. */
    public record LagSample(Instant at, Map<String, Long> lagByGroup) {
    }

    private final Supplier<List<Instance>> nodes;
    private final String bootstrap;
    private final Set<String> groups;
    private final Duration interval;
    private final Duration timeout;
    private final Map<String, Long> maxRssKb = new ConcurrentHashMap<>();
    private final Map<String, String> serviceOf = new ConcurrentHashMap<>();
    private final List<LagSample> lag = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private final Thread thread;

    public StackSampler(Supplier<List<Instance>> nodes, String bootstrap, Set<String> groups, Duration interval,
            Duration timeout) {
        this.nodes = nodes;
        this.bootstrap = bootstrap;
        this.groups = groups;
        this.interval = interval;
        this.timeout = timeout;
        this.thread = new Thread(this::sample, "stack-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        try (ConsumerLag consumers = new ConsumerLag(bootstrap, timeout)) {
            while (running) {
                for (Instance i : nodes.get()) {
                    Pids.rssKb(i.pid()).ifPresent(kb -> {
                        maxRssKb.merge(i.id(), kb, Math::max);
                        serviceOf.put(i.id(), i.service());
                    });
                }
                try {
                    Map<String, Long> byGroup = new TreeMap<>();
                    consumers.all().stream().filter(l -> groups.contains(l.group()))
                            .forEach(l -> byGroup.merge(key(l.group(), l.topic()), l.lag(), Long::sum));
                    lag.add(new LagSample(Instant.now(), byGroup));
                } catch (RuntimeException kafkaBusy) {
                    // A look that Kafka did not answer in time is skipped; the next one counts.
                }
                Pids.pause(interval);
            }
        }
    }

    public Map<String, Long> maxRssKb() {
        return new TreeMap<>(maxRssKb);
    }

    public String serviceOf(String node) {
        return serviceOf.get(node);
    }

    public List<LagSample> lag() {
        synchronized (lag) {
            return List.copyOf(lag);
        }
    }

    /**
     * Lag is kept per group and topic: the order-service's intake ({@code orders.placed}) drains when
     * the customers stop, while its {@code bake.events} keep coming as long as the ovens bake.
     */
    public static String key(String group, String topic) {
        return group + " / " + topic;
    }

    /** True when the latest look saw every group at lag 0 on every topic. */
    public boolean latestAllDrained() {
        List<LagSample> all = lag();
        return !all.isEmpty() && all.get(all.size() - 1).lagByGroup().values().stream().allMatch(l -> l == 0);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(timeout.plus(interval).multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Highest lag per group and topic, and seconds from {@code loadEnd} until the group was first seen at 0 (null: not within
     * the samples).
     */
    public static List<BenchSummary.GroupLag> drain(List<LagSample> samples, Instant loadEnd) {
        Map<String, Long> max = new TreeMap<>();
        Map<String, Double> drained = new TreeMap<>();
        for (LagSample s : samples) {
            s.lagByGroup().forEach((group, l) -> {
                max.merge(group, l, Math::max);
                if (l == 0 && !s.at().isBefore(loadEnd)) {
                    drained.putIfAbsent(group, Duration.between(loadEnd, s.at()).toMillis() / 1000.0);
                }
            });
        }
        return max.entrySet().stream().map(e -> new BenchSummary.GroupLag(e.getKey(), e.getValue(), drained.get(e.getKey())))
                .toList();
    }
}
