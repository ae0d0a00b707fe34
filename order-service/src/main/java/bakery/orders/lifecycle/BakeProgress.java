package bakery.orders.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.BakeEvent;
import bakery.contracts.Topics;
import bakery.orders.lifecycle.OrderLifecycle.Step;

/** What the ovens report on {@code bake.events}: an order started baking (BAKING) or came out (READY). */
@ApplicationScoped
public class BakeProgress {

    @Inject
    StepRecords steps;

    @Incoming("bake-events")
    public Uni<Void> onBakeEvent(Message<BakeEvent> message) {
        return steps.apply(message, Topics.BAKE_EVENTS, BakeEvent::orderId, BakeProgress::step);
    }

    static Step step(BakeEvent event) {
        return switch (event.stage()) {
            case STARTED -> Step.BAKE_STARTED;
            case FINISHED -> Step.BAKE_FINISHED;
        };
    }
}
