package bakery.defaults;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import bakery.contracts.Topics;
import bakery.contracts.serde.NewerEventException;

/**
 * A record the consumer could not read (not JSON, wrong schema, unknown enum value). With
 * {@code fail-on-deserialization-failure=false} the Kafka connector hands it on with no payload;
 * nacking it with this exception sends the original bytes to the channel's dead-letter topic,
 * with the reader's reason in the {@code dead-letter-reason} header, and the consumer carries on.
 * <p>
 * A record a newer release wrote, with a value this release does not know yet, is no poison: during a
 * rolling upgrade or a rollback it is the newer nodes' business. Readers whose events only report
 * progress (a status, an oven stage, a staff action) acknowledge it and count it instead
 * ({@link #settle}); docs/upgrades.md says why that is safe for each.
 */
public class UnreadableRecord extends RuntimeException {

    private static final Logger LOG = Logger.getLogger(UnreadableRecord.class);

    public UnreadableRecord(String reason) {
        super(reason);
    }

    /** The failure to nack {@code message} with, when the connector could not read it. */
    public static Optional<UnreadableRecord> of(Message<?> message) {
        if (message.getPayload() != null) {
            return Optional.empty();
        }
        String reason = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .orElse("the record has no value");
        return Optional.of(new UnreadableRecord(reason));
    }

    /** True when a newer release wrote the record: a value this release does not know yet, not poison. */
    public boolean fromNewerRelease() {
        return NewerEventException.isNewer(getMessage());
    }

    /**
     * Settles a record of {@code topic} that could not be read: one from a newer release is acknowledged and counted
     * ({@code bakery_records_newer_total}), anything else is nacked into the topic's dead-letter topic.
     */
    public Uni<Void> settle(Message<?> message, OrderMeters meters, String topic) {
        if (fromNewerRelease()) {
            LOG.warnf("acknowledged a record of %s this release cannot act on: %s", topic, getMessage());
            meters.fromNewerRelease(topic);
            return Uni.createFrom().completionStage(message::ack);
        }
        LOG.warnf("dead-lettering an unreadable record of %s: %s", topic, getMessage());
        meters.deadLettered(Topics.deadLetter(topic));
        return Uni.createFrom().completionStage(() -> message.nack(this));
    }
}
