package bakery.defaults;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A record the consumer could not read (not JSON, wrong schema, unknown enum value). With
 * {@code fail-on-deserialization-failure=false} the Kafka connector hands it on with no payload;
 * nacking it with this exception sends the original bytes to the channel's dead-letter topic,
 * with the reader's reason in the {@code dead-letter-reason} header, and the consumer carries on.
 */
public class UnreadableRecord extends RuntimeException {

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
}
