package bakery.testkit;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import bakery.contracts.Topics;

/** What a service put on a topic's dead-letter topic, and why. */
public final class DeadLetters {

    private final KafkaProbe probe;
    private final String deadLetterTopic;

    private DeadLetters(KafkaProbe probe, String topic) {
        this.probe = probe;
        this.deadLetterTopic = Topics.deadLetter(topic);
    }

    /** The dead letters of {@code topic} (the topic the poison records were consumed from). */
    public static DeadLetters of(KafkaProbe probe, String topic) {
        return new DeadLetters(probe, topic);
    }

    /** Waits until a record under each of {@code keys} was dead-lettered; the first one of each key. */
    public Map<String, ConsumerRecord<String, byte[]>> awaitKeys(Collection<String> keys) {
        return Await.until(keys.size() + " records dead-lettered on " + deadLetterTopic,
                () -> probe.readAll(deadLetterTopic).stream()
                        .filter(r -> keys.contains(r.key()))
                        .collect(Collectors.toMap(ConsumerRecord::key, Function.identity(), (a, b) -> a)),
                found -> found.size() == keys.size());
    }

    /** Why the service gave up on the record, as its reason header says. */
    public static String reason(ConsumerRecord<String, byte[]> record) {
        return KafkaProbe.header(record, Topics.DLQ_REASON_HEADER);
    }
}
