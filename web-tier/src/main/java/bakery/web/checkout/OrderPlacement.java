package bakery.web.checkout;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import bakery.contracts.OrderPlaced;
import bakery.defaults.AcknowledgedSend;

/** Sends placed orders to {@code orders.placed}; the Uni completes only once Kafka acknowledged (acks=all). */
@ApplicationScoped
public class OrderPlacement {

    private final AcknowledgedSend<OrderPlaced> orders;

    public OrderPlacement(@Channel("orders-placed") MutinyEmitter<OrderPlaced> emitter,
            @ConfigProperty(name = "bakery.web.checkout.send-timeout") Duration timeout) {
        this.orders = new AcknowledgedSend<>(emitter, timeout);
    }

    public Uni<Void> send(OrderPlaced order) {
        return orders.send(order);
    }
}
