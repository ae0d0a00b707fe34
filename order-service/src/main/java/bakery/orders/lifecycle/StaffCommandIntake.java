package bakery.orders.lifecycle;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.OrderCommand;
import bakery.contracts.Topics;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderTrace;
import bakery.defaults.RecordsInHand;
import bakery.defaults.UnreadableRecord;
import bakery.orders.lifecycle.OrderLifecycle.Step;

/** Staff decisions on {@code orders.commands}: hand an order to its customer, or cancel it before baking. */
@ApplicationScoped
public class StaffCommandIntake {

    @Inject
    OrderTransitions transitions;
    @Inject
    OrderMeters meters;
    @Inject
    RecordsInHand inHand;

    @Incoming("orders-commands")
    public Uni<Void> onCommand(Message<OrderCommand> message) {
        return inHand.handle(() -> decide(message));
    }

    private Uni<Void> decide(Message<OrderCommand> message) {
        Optional<UnreadableRecord> unreadable = UnreadableRecord.of(message);
        if (unreadable.isPresent()) {
            return unreadable.get().settle(message, meters, Topics.ORDERS_COMMANDS);
        }
        OrderCommand command = message.getPayload();
        Step step = switch (command.action()) {
            case PICK_UP -> Step.PICK_UP;
            case CANCEL -> Step.CANCEL;
        };
        return transitions.apply(command.orderId(), step, OrderTrace.follow(message, command.orderId()))
                .chain(() -> Uni.createFrom().completionStage(message::ack));
    }
}
