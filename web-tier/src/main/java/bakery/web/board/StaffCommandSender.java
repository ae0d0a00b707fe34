package bakery.web.board;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import bakery.contracts.OrderCommand;
import bakery.defaults.AcknowledgedSend;

/** A staff member's pick-up or cancel, sent to {@code orders.commands}; order-service decides whether it applies. */
@ApplicationScoped
public class StaffCommandSender {

    private final AcknowledgedSend<OrderCommand> commands;

    public StaffCommandSender(@Channel("orders-commands") MutinyEmitter<OrderCommand> emitter,
            @ConfigProperty(name = "bakery.web.checkout.send-timeout") Duration timeout) {
        this.commands = new AcknowledgedSend<>(emitter, timeout);
    }

    public Uni<Void> send(UUID orderId, OrderCommand.Action action, String staffUser) {
        return commands.send(OrderCommand.of(orderId, action, staffUser, Instant.now()));
    }
}
