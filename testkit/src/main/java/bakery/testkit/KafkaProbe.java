package bakery.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import bakery.contracts.BakeryEvent;
import bakery.contracts.serde.EventSerializer;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.kafka.KafkaAdmin;
import bakery.servers.kafka.TopicReader;

/**
 * Talks to a real broker from a test: writes records (good or poison), reads whole topics
 * ({@link TopicReader}) and the groups' lag ({@link ConsumerLag}).
 */
public final class KafkaProbe implements AutoCloseable {

    /** How long one request to the broker may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicReader topics;
    /** One admin client for the probe's life: tests poll offsets often, and each new client costs a connection and threads. */
    private Admin admin;
    private ConsumerLag lag;

    public KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = new TopicReader(bootstrap, TIMEOUT);
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

    /** Every record now on the topic, values read with the given deserializer (records it refuses are left out). */
    public <T> List<ConsumerRecord<String, T>> readAll(String topic, Deserializer<T> values) {
        return topics.all(topic, values);
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
        return consumerLag().of(groupId).stream().mapToLong(ConsumerLag.TopicLag::lag).sum();
    }

    /**
     * Per partition of the topic, how many records the group has not committed yet (a partition it
     * never committed counts from its start); partitions the group is done with are left out.
     */
    public Map<TopicPartition, Long> uncommitted(String groupId, String topic) {
        Map<TopicPartition, Long> behind = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        consumerLag().unconsumed(groupId, topic).forEach(u -> behind.put(u.partition(), u.to() - u.from()));
        return behind;
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
            admin = KafkaAdmin.create(bootstrap);
        }
        return admin;
    }

    private synchronized ConsumerLag consumerLag() {
        if (lag == null) {
            lag = new ConsumerLag(bootstrap, TIMEOUT);
        }
        return lag;
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (lag != null) {
            lag.close();
        }
    }
}
