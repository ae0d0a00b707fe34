package bakery.orders.deadletter;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Records that are not events of their topic. The channels run with
 * {@code fail-on-deserialization-failure=false}: the connector hands such a record over with no
 * payload and the {@code EventFormatException} message in a header. Nacking it runs the channel's
 * {@code dead-letter-queue} failure strategy, which writes the original bytes to
 * {@code <topic>.dlq} with the reason in {@code dead-letter-reason}; then the consumer carries on.
 */
public final class PoisonRecords {

    private PoisonRecords() {
    }

    public static boolean isPoison(Message<?> message) {
        return message.getPayload() == null;
    }

    public static Uni<Void> deadLetter(Message<?> message) {
        return deadLetter(message, reasonOf(message));
    }

    public static Uni<Void> deadLetter(Message<?> message, String reason) {
        return Uni.createFrom().completionStage(() -> message.nack(new PoisonRecordException(reason)));
    }

    static String reasonOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .orElse("the record has no value");
    }

    /** Why a record went to the dead-letter topic; its message becomes the {@code dead-letter-reason} header. */
    public static class PoisonRecordException extends RuntimeException {

        public PoisonRecordException(String reason) {
            super(reason, null, false, false);
        }
    }
}
