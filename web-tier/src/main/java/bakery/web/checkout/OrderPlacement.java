package bakery.web.checkout;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.OrderPlaced;

/** Sends placed orders to {@code orders.placed}; the Uni completes only once Kafka acknowledged (acks=all). */
@ApplicationScoped
public class OrderPlacement {

    private final MutinyEmitter<OrderPlaced> emitter;
    private final Duration timeout;

    public OrderPlacement(@Channel("orders-placed") MutinyEmitter<OrderPlaced> emitter,
            @ConfigProperty(name = "bakery.web.checkout.send-timeout") Duration timeout) {
        this.emitter = emitter;
        this.timeout = timeout;
    }

    public Uni<Void> send(OrderPlaced order) {
        Message<OrderPlaced> message = Message.of(order)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(order.key()).build());
        // The producer's own delivery timeout is shorter; this is the backstop the customer waits on.
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(timeout).fail();
    }
}
