package bakery.orders.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.OrderCommand;
import bakery.contracts.Topics;
import bakery.orders.lifecycle.OrderLifecycle.Step;

/** Staff decisions on {@code orders.commands}: hand an order to its customer, or cancel it before baking. */
@ApplicationScoped
public class StaffCommandIntake {

    @Inject
    StepRecords steps;

    @Incoming("orders-commands")
    public Uni<Void> onCommand(Message<OrderCommand> message) {
        return steps.apply(message, Topics.ORDERS_COMMANDS, OrderCommand::orderId, StaffCommandIntake::step);
    }

    static Step step(OrderCommand command) {
        return switch (command.action()) {
            case PICK_UP -> Step.PICK_UP;
            case CANCEL -> Step.CANCEL;
        };
    }
}
