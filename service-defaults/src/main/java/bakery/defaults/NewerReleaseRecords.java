package bakery.defaults;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import org.apache.kafka.common.header.Headers;

import bakery.contracts.serde.NewerEventException;

/**
 * Keeps a record a newer release wrote out of the dead-letter topic. The Kafka connector dead-letters every record
 * its deserializer refuses before the consumer sees it; for a {@link NewerEventException} this handler withdraws that
 * verdict, so the record reaches the consumer without a payload and with its reason, and
 * {@link UnreadableRecord#settle} acknowledges it. Poison stays poison. A channel opts in with
 * {@code value-deserialization-failure-handler=newer-release-records}.
 */
@ApplicationScoped
@Unremovable
@Identifier(NewerReleaseRecords.NAME)
public class NewerReleaseRecords implements DeserializationFailureHandler<Object> {

    public static final String NAME = "newer-release-records";

    @Override
    public Object handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
            Exception exception, Headers headers) {
        if (headers != null && NewerEventException.isNewer(exception.getMessage())) {
            headers.remove(DESERIALIZATION_FAILURE_DLQ);
        }
        return null;
    }
}
