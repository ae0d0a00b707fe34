package bakery.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import bakery.contracts.BakeryEvent;
import bakery.contracts.serde.EventSerializer;

/** Talks to a real broker from a test: writes records (good or poison) and reads whole topics. */
public final class KafkaProbe implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    /** One admin client for the probe's life: tests poll offsets often, and each new client costs a connection and threads. */
    private Admin admin;

    public KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static KafkaProbe onSharedBroker() {
        return new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    public void send(String topic, BakeryEvent event) {
        send(topic, event.key(), new EventSerializer().serialize(topic, event));
    }

    /** Writes the event with the given record headers (e.g. a W3C {@code traceparent}). */
    public void send(String topic, BakeryEvent event, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(),
                new EventSerializer().serialize(topic, event));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    /** Writes many events at once (batched, not one round trip each) and returns when the broker has them all. */
    public void sendAll(String topic, List<? extends BakeryEvent> events) {
        EventSerializer serializer = new EventSerializer();
        var acks = events.stream()
                .map(event -> producer.send(new ProducerRecord<>(topic, event.key(), serializer.serialize(topic, event))))
                .toList();
        producer.flush();
        for (var ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not write to " + topic, e.getCause());
            }
        }
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    /** Every record now on the topic, values read with the given deserializer. */
    public <T> List<ConsumerRecord<String, T>> readAll(String topic, Deserializer<T> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, T>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readAll(topic, new ByteArrayDeserializer());
    }

    /** Records of the topic whose value passes the filter, read until {@code enough} holds or the default deadline passes. */
    public <T> List<T> awaitValues(String topic, Deserializer<T> values, Predicate<T> filter, Predicate<List<T>> enough) {
        return Await.until("records on " + topic,
                () -> readAll(topic, values).stream().map(ConsumerRecord::value).filter(filter).toList(),
                enough);
    }

    /** Creates the topic when it is missing, so a test can read it before anyone wrote to it. */
    public void ensureTopic(String topic, int partitions) {
        try {
            Admin admin = admin();
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * How many records of the group's topics the group has not committed yet, summed over its
     * partitions; 0 means everything written so far was processed and committed.
     */
    public long lag(String groupId) {
        try {
            Admin admin = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream()
                    .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                    .sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + groupId, e.getCause());
        }
    }

    /**
     * Per partition of the topic, how many records the group has not committed yet (a partition it
     * never committed counts from its start); partitions the group is done with are left out.
     */
    public Map<TopicPartition, Long> uncommitted(String groupId, String topic) {
        try {
            Admin admin = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, Long> behind = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long left = end.offset() - (done == null ? 0 : done.offset());
                if (left > 0) {
                    behind.put(partition, left);
                }
            });
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + groupId + " on " + topic, e.getCause());
        }
    }

    /**
     * Waits until the consumer group has committed past the last record with this key on the topic,
     * that is, until the service is done with it (at-least-once consumers commit only handled records).
     */
    public void awaitCommittedPast(String group, String topic, String key) {
        ConsumerRecord<String, byte[]> last = readAll(topic).stream()
                .filter(r -> key.equals(r.key()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no record with key " + key + " on " + topic));
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        Await.until("group " + group + " committed past offset " + last.offset() + " of " + partition,
                () -> committed(group, partition) > last.offset());
    }

    private long committed(String group, TopicPartition partition) throws ExecutionException, InterruptedException {
        var offsets = admin().listConsumerGroupOffsets(
                Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition))))
                .partitionsToOffsetAndMetadata(group).get();
        var offset = offsets.get(partition);
        return offset == null ? -1 : offset.offset();
    }

    /** Header value of a record as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The probe's admin client, made on first use and closed with the probe. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
