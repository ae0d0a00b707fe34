package bakery.servers.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The one way the bakery's tools read a topic: what it received since a moment (or ever), up to its
 * end now, without joining a consumer group (nothing is committed, no running consumer is
 * disturbed). Records the deserializer refuses (poison) are left out: they are the dead-letter
 * topics' business.
 */
public final class TopicReader {

    private final String bootstrap;
    private final Duration timeout;

    public TopicReader(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /**
     * The keys of the records between two offsets of each given partition ({@code from} inclusive,
     * {@code to} exclusive), such as the records a consumer group has not committed past.
     */
    public Set<String> keys(Map<TopicPartition, long[]> fromTo) {
        Set<String> keys = new HashSet<>();
        if (fromTo.isEmpty()) {
            return keys;
        }
        try (var consumer = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(fromTo.keySet());
            fromTo.forEach((tp, range) -> consumer.seek(tp, range[0]));
            Set<TopicPartition> open = new HashSet<>(fromTo.keySet());
            Instant deadline = Instant.now().plus(timeout.multipliedBy(10));
            while (!open.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "reading " + open + " took longer than " + timeout.multipliedBy(10).toSeconds()
                                    + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < fromTo.get(tp)[1] && r.key() != null) {
                        keys.add(r.key());
                    }
                }
                open.removeIf(tp -> consumer.position(tp, timeout) >= fromTo.get(tp)[1]);
            }
        }
        return keys;
    }

    /** Every record now on the topic. */
    public <T> List<ConsumerRecord<String, T>> all(String topic, Deserializer<T> values) {
        return since(topic, Instant.EPOCH, values);
    }

    /** The records the topic received since {@code from}, up to its end now. */
    public <T> List<ConsumerRecord<String, T>> since(String topic, Instant from, Deserializer<T> values) {
        List<ConsumerRecord<String, T>> result = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
            Instant deadline = Instant.now().plus(timeout.multipliedBy(10));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "reading " + topic + " took longer than " + timeout.multipliedBy(10).toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
                    T value;
                    try {
                        value = values.deserialize(topic, r.value());
                    } catch (RuntimeException poison) {
                        continue;
                    }
                    result.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                            r.serializedKeySize(), r.serializedValueSize(), r.key(), value, r.headers(), r.leaderEpoch()));
                }
            }
        }
        return result;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "history-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return p;
    }
}
