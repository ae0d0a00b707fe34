package bakery.defaults;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Offsets of processed records that Kafka refused to commit (it refuses every commit while the group
 * rebalances), per partition. They go out again with the next commit, or on their own
 * ({@link #settle}), for as long as their partition stays with this member; when it leaves, they are
 * committed on the way out ({@link #handOver}) and forgotten.
 * <p>
 * Every method runs on the consumer's polling thread (the Kafka client is single-threaded), so one
 * commit follows the other and an owed offset never overtakes a later one. Owed offsets are only ever
 * of processed records, so committing them late never skips work.
 */
final class OwedOffsets {

    private static final Logger LOG = Logger.getLogger(OwedOffsets.class);

    private final Map<TopicPartition, OffsetAndMetadata> owed = new ConcurrentHashMap<>();

    /** A copy of what is owed; safe from any thread. */
    Map<TopicPartition, OffsetAndMetadata> owed() {
        return Map.copyOf(owed);
    }

    boolean isEmpty() {
        return owed.isEmpty();
    }

    /** Commits the throttled handler's offsets together with what is owed; owes them all if Kafka refuses. */
    void commit(Consumer<?, ?> kafka, Map<TopicPartition, OffsetAndMetadata> fresh) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(owed);
        offsets.putAll(fresh); // the handler's offsets are later than what it was refused before
        try {
            kafka.commitSync(offsets);
        } catch (RuntimeException refused) {
            Set<TopicPartition> assigned = kafka.assignment();
            offsets.forEach((partition, offset) -> {
                if (assigned.contains(partition)) {
                    owed.merge(partition, offset, (before, now) -> now.offset() > before.offset() ? now : before);
                }
            });
            throw refused;
        }
        offsets.keySet().forEach(owed::remove);
    }

    /** Commits what is owed, if anything. */
    void settle(Consumer<?, ?> kafka) {
        if (owed.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> settling = owed();
        commit(kafka, Map.of());
        LOG.infof("committed %s: records processed while Kafka refused commits", settling);
    }

    /**
     * These partitions leave this member (revoked or lost): commit what is owed on them while that is
     * still allowed, and forget it either way (their next owner starts from what is committed).
     */
    void handOver(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
        partitions.forEach(partition -> {
            OffsetAndMetadata offset = owed.remove(partition);
            if (offset != null) {
                leaving.put(partition, offset);
            }
        });
        if (leaving.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(leaving);
            LOG.infof("committed %s before handing the partitions over", leaving);
        } catch (RuntimeException refused) {
            LOG.warnf("could not commit %s before handing the partitions over; their next owner reads those records again: %s",
                    leaving, refused.getMessage());
        }
    }
}
