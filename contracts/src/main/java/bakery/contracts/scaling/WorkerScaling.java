package bakery.contracts.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one worker type scales on its consumer lag: {@code ceil(totalLag / lagThreshold)} instances,
 * never fewer than {@code min} and never more than {@code max} or the partitions of its widest topic
 * (a consumer beyond the partition count would sit idle). {@code min} wins over the partition count,
 * as in KEDA: the floor is there for availability.
 * <p>
 * The one implementation of the rule: {@code ./bakery autoscale} applies it on one machine, the ops
 * console shows it, and KEDA's Kafka scaler applies the same arithmetic on Kubernetes with the same
 * numbers ({@link #RESOURCE}, checked against the ScaledObjects by deploy's tests).
 */
public record WorkerScaling(String worker, String consumerGroup, List<String> topics, long lagThreshold,
        int min, int max, Optional<BusinessHours> businessHours) {

    /** The numbers this build ships, on the classpath of every module that depends on contracts. */
    public static final String RESOURCE = "/bakery/contracts/scaling/scaling.properties";

    private static final Pattern WORKER_KEY = Pattern.compile("scale\\.([a-z0-9-]+)\\.consumer-group");

    public WorkerScaling {
        topics = List.copyOf(topics);
        businessHours = businessHours == null ? Optional.empty() : businessHours;
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(worker + ": no topics");
        }
        if (lagThreshold < 1) {
            throw new IllegalArgumentException(worker + ": lag-threshold must be at least 1, was " + lagThreshold);
        }
        if (min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException(worker + ": need 0 <= min <= max and max >= 1, was min=" + min + " max=" + max);
        }
    }

    /** Instances wanted for this lag, given the partition count of the widest topic the group reads. */
    public int recommended(long totalLag, int partitions) {
        long lag = Math.max(totalLag, 0);
        long wanted = (lag + lagThreshold - 1) / lagThreshold;
        int ceiling = Math.max(min, Math.min(max, partitions));
        return (int) Math.max(min, Math.min(ceiling, wanted));
    }

    /** The same rule with other bounds (an operator's {@code --min}/{@code --max}); null keeps a bound. */
    public WorkerScaling bounded(Integer newMin, Integer newMax) {
        return new WorkerScaling(worker, consumerGroup, topics, lagThreshold,
                newMin == null ? min : newMin, newMax == null ? max : newMax, businessHours);
    }

    /** A floor of instances during opening hours, whatever the lag (cron expressions as KEDA reads them). */
    public record BusinessHours(int replicas, String start, String end, String timezone) {
    }

    /** The rules this build ships, by worker name. */
    public static Map<String, WorkerScaling> shipped() {
        try (InputStream in = WorkerScaling.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules in the format of {@link #RESOURCE}: {@code scale.<worker>.<setting>}; a missing setting is named. */
    public static Map<String, WorkerScaling> read(InputStream in) throws IOException {
        Properties props = new Properties();
        props.load(in);
        Map<String, WorkerScaling> rules = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            Matcher m = WORKER_KEY.matcher(key);
            if (m.matches()) {
                rules.put(m.group(1), parse(m.group(1), props));
            }
        }
        return rules;
    }

    private static WorkerScaling parse(String worker, Properties props) {
        String prefix = "scale." + worker + ".";
        Optional<BusinessHours> hours = Optional.ofNullable(props.getProperty(prefix + "business-hours.replicas"))
                .map(replicas -> new BusinessHours(Integer.parseInt(replicas.trim()),
                        required(props, prefix + "business-hours.start"),
                        required(props, prefix + "business-hours.end"),
                        required(props, prefix + "business-hours.timezone")));
        return new WorkerScaling(worker,
                required(props, prefix + "consumer-group"),
                Arrays.stream(required(props, prefix + "topics").split(",")).map(String::trim).filter(t -> !t.isEmpty())
                        .toList(),
                Long.parseLong(required(props, prefix + "lag-threshold")),
                Integer.parseInt(required(props, prefix + "min")),
                Integer.parseInt(required(props, prefix + "max")),
                hours);
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("scaling.properties: missing " + key);
        }
        return value.trim();
    }
}
