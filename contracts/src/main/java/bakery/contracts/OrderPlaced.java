package bakery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer checked out on a web node. Published to {@link Topics#ORDERS_PLACED}.
 *
 * <p>
 * {@code idempotencyScope} says whose {@code idempotencyKey} it is: a one-way hash of the customer's
 * session, so the same key from two customers is two orders. Web nodes of releases before sent no
 * scope (null); their keys are compared across all customers, as they always were.
 */
public record OrderPlaced(
        int schemaVersion,
        UUID orderId,
        String idempotencyKey,
        Customer customer,
        List<OrderLine> lines,
        long totalCents,
        Instant pickupAt,
        Instant placedAt,
        String webNode,
        String idempotencyScope) implements BakeryEvent {

    public OrderPlaced {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        Require.text(idempotencyKey, "idempotencyKey");
        Require.present(customer, "customer");
        lines = Require.list(lines, "lines");
        Require.present(placedAt, "placedAt");
    }

    /** An order whose key is compared across all customers (no scope), as every order was before scopes. */
    public static OrderPlaced of(UUID orderId, String idempotencyKey, Customer customer, List<OrderLine> lines,
            Instant pickupAt, Instant placedAt, String webNode) {
        return of(orderId, idempotencyKey, null, customer, lines, pickupAt, placedAt, webNode);
    }

    /** An order whose key counts only within {@code idempotencyScope} (one customer's session). */
    public static OrderPlaced of(UUID orderId, String idempotencyKey, String idempotencyScope, Customer customer,
            List<OrderLine> lines, Instant pickupAt, Instant placedAt, String webNode) {
        long total = lines.stream().mapToLong(OrderLine::totalCents).sum();
        return new OrderPlaced(CURRENT_SCHEMA, orderId, idempotencyKey, customer, lines, total, pickupAt, placedAt, webNode,
                idempotencyScope);
    }
}
