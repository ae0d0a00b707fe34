package bakery.orders.lifecycle;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.BakeEvent;
import bakery.contracts.Topics;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderTrace;
import bakery.defaults.RecordsInHand;
import bakery.defaults.UnreadableRecord;
import bakery.orders.lifecycle.OrderLifecycle.Step;

/** What the ovens report on {@code bake.events}: an order started baking (BAKING) or came out (READY). */
@ApplicationScoped
public class BakeProgress {

    @Inject
    OrderTransitions transitions;
    @Inject
    OrderMeters meters;
    @Inject
    RecordsInHand inHand;

    @Incoming("bake-events")
    public Uni<Void> onBakeEvent(Message<BakeEvent> message) {
        return inHand.handle(() -> progress(message));
    }

    private Uni<Void> progress(Message<BakeEvent> message) {
        Optional<UnreadableRecord> unreadable = UnreadableRecord.of(message);
        if (unreadable.isPresent()) {
            return unreadable.get().settle(message, meters, Topics.BAKE_EVENTS);
        }
        BakeEvent event = message.getPayload();
        Step step = switch (event.stage()) {
            case STARTED -> Step.BAKE_STARTED;
            case FINISHED -> Step.BAKE_FINISHED;
        };
        return transitions.apply(event.orderId(), step, OrderTrace.follow(message, event.orderId()))
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }
}
