package bakery.defaults;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A channel's Kafka consumer as the throttled commit handler sees it, except that offsets Kafka
 * refuses to commit are owed ({@link OwedOffsets}) instead of forgotten. Everything else passes
 * straight through.
 */
final class OwingConsumer<K, V> implements KafkaConsumer<K, V> {

    private final KafkaConsumer<K, V> kafka;
    private final OwedOffsets owed = new OwedOffsets();
    private final AtomicBoolean settling = new AtomicBoolean();

    OwingConsumer(KafkaConsumer<K, V> kafka) {
        this.kafka = kafka;
    }

    /** The offsets still owed, for logs. */
    Map<TopicPartition, OffsetAndMetadata> owed() {
        return owed.owed();
    }

    @Override
    public Uni<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return kafka.runOnPollingThread(consumer -> {
            owed.commit(consumer, offsets);
        });
    }

    /** Commits what is owed, if anything; at most one attempt at a time. */
    Uni<Void> settle() {
        if (owed.isEmpty() || !settling.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return kafka.runOnPollingThread(consumer -> {
            owed.settle(consumer);
        }).eventually(() -> settling.set(false));
    }

    /** These partitions leave this member; called on the polling thread, from the rebalance listener. */
    void handOver(Collection<TopicPartition> partitions) {
        owed.handOver(kafka.unwrap(), partitions);
    }

    @Override
    public Map<String, ?> configuration() {
        return kafka.configuration();
    }

    @Override
    public <R> Uni<R> runOnPollingThread(Function<Consumer<K, V>, R> action) {
        return kafka.runOnPollingThread(action);
    }

    @Override
    public Uni<Void> runOnPollingThread(java.util.function.Consumer<Consumer<K, V>> action) {
        return kafka.runOnPollingThread(action);
    }

    @Override
    public Uni<Set<TopicPartition>> pause() {
        return kafka.pause();
    }

    @Override
    public Uni<Set<TopicPartition>> paused() {
        return kafka.paused();
    }

    @Override
    public Uni<Map<TopicPartition, OffsetAndMetadata>> committed(TopicPartition... tps) {
        return kafka.committed(tps);
    }

    @Override
    public Uni<Void> resume() {
        return kafka.resume();
    }

    @Override
    public Consumer<K, V> unwrap() {
        return kafka.unwrap();
    }

    @Override
    public Uni<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> map) {
        return kafka.commitAsync(map);
    }

    @Override
    public Uni<Map<TopicPartition, Long>> getPositions() {
        return kafka.getPositions();
    }

    @Override
    public Uni<Set<TopicPartition>> getAssignments() {
        return kafka.getAssignments();
    }

    @Override
    public Uni<Void> seek(TopicPartition partition, long offset) {
        return kafka.seek(partition, offset);
    }

    @Override
    public Uni<Void> seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        return kafka.seek(partition, offsetAndMetadata);
    }

    @Override
    public Uni<Void> seekToBeginning(Collection<TopicPartition> partitions) {
        return kafka.seekToBeginning(partitions);
    }

    @Override
    public Uni<Void> seekToEnd(Collection<TopicPartition> partitions) {
        return kafka.seekToEnd(partitions);
    }

    @Override
    public Uni<ConsumerGroupMetadata> consumerGroupMetadata() {
        return kafka.consumerGroupMetadata();
    }

    @Override
    public Uni<Void> resetToLastCommittedPositions() {
        return kafka.resetToLastCommittedPositions();
    }

    @Override
    public Uni<Map<String, List<PartitionInfo>>> lisTopics() {
        return kafka.lisTopics();
    }

    @Override
    public Uni<Map<String, List<PartitionInfo>>> lisTopics(Duration timeout) {
        return kafka.lisTopics(timeout);
    }

    @Override
    public Uni<List<PartitionInfo>> partitionsFor(String topic) {
        return kafka.partitionsFor(topic);
    }
}
