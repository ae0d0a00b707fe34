package bakery.contracts.scaling;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * One consumer group's lag, counted from the offsets the broker reports: the one arithmetic that
 * the ops console, {@code ./bakery status} and {@code autoscale} and the tests count with, and the
 * one KEDA's Kafka scaler applies on Kubernetes.
 * <ul>
 * <li>A partition's lag is its end offset minus the group's committed offset, never below 0.</li>
 * <li>Where the group never committed, the lag counts from the partition's earliest offset: our
 * consumers start there.</li>
 * <li>A group that commits nothing at all (a web node's live feed reads from the end and keeps no
 * position) has no lag worth showing ({@link #commitsAnything()}), unless it is a worker's group,
 * whose backlog counts before its first commit too.</li>
 * </ul>
 * A partition missing from {@code earliest} or {@code end} counts as empty (offset 0).
 */
public record GroupLag(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> end,
        Map<TopicPartition, Long> committed) {

    public GroupLag {
        earliest = Map.copyOf(earliest);
        end = Map.copyOf(end);
        committed = Map.copyOf(committed);
    }

    /** Records of the partition the group has not committed past. */
    public long of(TopicPartition partition) {
        return Math.max(0, endOf(partition) - next(partition));
    }

    /** The lag summed over the partitions. */
    public long of(Collection<TopicPartition> partitions) {
        return partitions.stream().mapToLong(this::of).sum();
    }

    /** Where the group goes on reading the partition: its committed offset, or the earliest where it never committed. */
    public long next(TopicPartition partition) {
        Long done = committed.get(partition);
        return done != null ? done : earliestOf(partition);
    }

    /** The first record still on the partition that the group has not committed past (older ones may be deleted). */
    public long firstUnconsumed(TopicPartition partition) {
        return Math.max(earliestOf(partition), next(partition));
    }

    public long endOf(TopicPartition partition) {
        return end.getOrDefault(partition, 0L);
    }

    public long earliestOf(TopicPartition partition) {
        return earliest.getOrDefault(partition, 0L);
    }

    /** False for a group that never committed an offset anywhere, such as a web node's live feed. */
    public boolean commitsAnything() {
        return !committed.isEmpty();
    }

    /** Whether the group committed an offset on any partition of the topic. */
    public boolean commitsOn(String topic) {
        return committed.keySet().stream().anyMatch(tp -> tp.topic().equals(topic));
    }
}
