package bakery.web.board;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import bakery.contracts.OrderCommand;

/** A staff member's pick-up or cancel, sent to {@code orders.commands}; order-service decides whether it applies. */
@ApplicationScoped
public class StaffCommands {

    private final MutinyEmitter<OrderCommand> emitter;
    private final Duration timeout;

    public StaffCommands(@Channel("orders-commands") MutinyEmitter<OrderCommand> emitter,
            @ConfigProperty(name = "bakery.web.checkout.send-timeout") Duration timeout) {
        this.emitter = emitter;
        this.timeout = timeout;
    }

    public Uni<Void> send(UUID orderId, OrderCommand.Action action, String staffUser) {
        OrderCommand command = OrderCommand.of(orderId, action, staffUser, Instant.now());
        Message<OrderCommand> message = Message.of(command)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(command.key()).build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message)).ifNoItem().after(timeout).fail();
    }
}
