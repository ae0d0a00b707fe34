package bakery.defaults;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.BakeryEvent;

/**
 * Sends an event keyed by its order id (so one order's events stay in one partition, in order); the
 * Uni completes only once Kafka acknowledged it (acks=all), or fails after {@code timeout}.
 */
public final class AcknowledgedSend<T extends BakeryEvent> {

    private final MutinyEmitter<T> emitter;
    private final Duration timeout;

    public AcknowledgedSend(MutinyEmitter<T> emitter, Duration timeout) {
        this.emitter = emitter;
        this.timeout = timeout;
    }

    public Uni<Void> send(T event) {
        Message<T> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(event.key()).build());
        // The producer's own delivery timeout is shorter; this is the backstop the caller waits on.
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message)).ifNoItem().after(timeout).fail();
    }
}
