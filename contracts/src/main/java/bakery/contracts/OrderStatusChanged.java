package bakery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order moved to a new status. Carries a snapshot of the order so that live pages and the
 * notification worker need no query back. {@code version} grows by one per transition; readers
 * drop an event whose version they have already seen. Published to {@link Topics#ORDERS_STATUS}.
 */
public record OrderStatusChanged(
        int schemaVersion,
        UUID orderId,
        OrderStatus status,
        long version,
        String reason,
        Customer customer,
        List<OrderLine> lines,
        long totalCents,
        Instant pickupAt,
        Instant at) implements BakeryEvent {

    public OrderStatusChanged {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        Require.present(status, "status");
        Require.present(customer, "customer");
        lines = Require.list(lines, "lines");
        Require.present(at, "at");
    }
}
