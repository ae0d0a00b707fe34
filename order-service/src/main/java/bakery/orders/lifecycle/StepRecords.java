package bakery.orders.lifecycle;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.defaults.OrderMeters;
import bakery.defaults.OrderTrace;
import bakery.defaults.RecordsInHand;
import bakery.defaults.UnreadableRecord;
import bakery.orders.lifecycle.OrderLifecycle.Step;

/**
 * How a record that moves an order one step is handled, whatever its topic: an unreadable one is settled (dead-letter
 * topic, or acknowledged when a newer release wrote it), a readable one is applied as the next step of the trace it
 * carries and then acknowledged; counted in hand while it runs, so a stopping node lets it finish.
 */
@ApplicationScoped
public class StepRecords {

    @Inject
    OrderTransitions transitions;
    @Inject
    OrderMeters meters;
    @Inject
    RecordsInHand inHand;

    public <T> Uni<Void> apply(Message<T> message, String topic, Function<T, UUID> orderId, Function<T, Step> step) {
        return inHand.handle(() -> {
            Optional<UnreadableRecord> unreadable = UnreadableRecord.of(message);
            if (unreadable.isPresent()) {
                return unreadable.get().settle(message, meters, topic);
            }
            UUID order = orderId.apply(message.getPayload());
            return transitions.apply(order, step.apply(message.getPayload()), OrderTrace.follow(message, order))
                    .chain(() -> Uni.createFrom().completionStage(message::ack));
        });
    }
}
