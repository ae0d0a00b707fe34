package bakery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer checked out on a web node. Published to {@link Topics#ORDERS_PLACED}. */
public record OrderPlaced(
        int schemaVersion,
        UUID orderId,
        String idempotencyKey,
        Customer customer,
        List<OrderLine> lines,
        long totalCents,
        Instant pickupAt,
        Instant placedAt,
        String webNode) implements BakeryEvent {

    public OrderPlaced {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        Require.text(idempotencyKey, "idempotencyKey");
        Require.present(customer, "customer");
        lines = Require.list(lines, "lines");
        Require.present(placedAt, "placedAt");
    }

    public static OrderPlaced of(UUID orderId, String idempotencyKey, Customer customer, List<OrderLine> lines,
            Instant pickupAt, Instant placedAt, String webNode) {
        long total = lines.stream().mapToLong(OrderLine::totalCents).sum();
        return new OrderPlaced(CURRENT_SCHEMA, orderId, idempotencyKey, customer, lines, total, pickupAt, placedAt, webNode);
    }
}
