package bakery.contracts;

import java.time.Instant;
import java.util.UUID;

/** A staff member's decision about an order. Published to {@link Topics#ORDERS_COMMANDS}. */
public record OrderCommand(int schemaVersion, UUID orderId, Action action, String staffUser, Instant at)
        implements
            BakeryEvent {

    public enum Action {
        PICK_UP,
        CANCEL
    }

    public OrderCommand {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        Require.present(action, "action");
        Require.text(staffUser, "staffUser");
        Require.present(at, "at");
    }

    public static OrderCommand of(UUID orderId, Action action, String staffUser, Instant at) {
        return new OrderCommand(CURRENT_SCHEMA, orderId, action, staffUser, at);
    }
}
