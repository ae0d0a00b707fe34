package bakery.deploy;

import java.util.List;
import java.util.Optional;

/**
 * How one worker type scales on its consumer lag: {@code ceil(totalLag / lagThreshold)} instances,
 * never fewer than {@code min} and never more than {@code max} or the partitions of its widest topic.
 * KEDA applies the same rule on Kubernetes; {@code ./bakery autoscale} applies it on one machine.
 */
public record ScalingRule(String worker, String consumerGroup, List<String> topics, long lagThreshold,
                          int min, int max, Optional<BusinessHours> businessHours) {

    public ScalingRule {
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(worker + ": no topics");
        }
        if (lagThreshold < 1) {
            throw new IllegalArgumentException(worker + ": lag-threshold must be at least 1, was " + lagThreshold);
        }
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(worker + ": need 1 <= min <= max, was min=" + min + " max=" + max);
        }
    }

    /** Instances wanted for this lag, given the partition count of the widest topic the group reads. */
    public int desiredReplicas(long totalLag, int partitions) {
        long lag = Math.max(totalLag, 0);
        long wanted = lag / lagThreshold + (lag % lagThreshold == 0 ? 0 : 1);
        int ceiling = Math.max(min, Math.min(max, partitions));
        return (int) Math.max(min, Math.min(ceiling, wanted));
    }

    /** A floor of instances during opening hours, whatever the lag (cron expressions as KEDA reads them). */
    public record BusinessHours(int replicas, String start, String end, String timezone) {
    }
}
