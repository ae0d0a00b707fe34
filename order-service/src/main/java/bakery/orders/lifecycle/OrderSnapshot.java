package bakery.orders.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import bakery.contracts.BakeryEvent;
import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

/**
 * An order as one status event tells it: everything a live page or an e-mail needs, no query back;
 * and when it was placed, for the placed-to-ready time.
 */
public record OrderSnapshot(UUID orderId, OrderStatus status, long version, String reason, Customer customer,
        List<OrderLine> lines, long totalCents, Instant pickupAt, Instant placedAt) {

    public OrderStatusChanged announce(Instant at) {
        return new OrderStatusChanged(BakeryEvent.CURRENT_SCHEMA, orderId, status, version, reason, customer, lines,
                totalCents, pickupAt, at);
    }

    /** The next version of this order, in its new status. */
    public OrderSnapshot moveTo(OrderStatus next) {
        return new OrderSnapshot(orderId, next, version + 1, null, customer, lines, totalCents, pickupAt, placedAt);
    }

    /** The same version, with a refusal the staff can read; a refusal changes nothing, so it gets no new version. */
    public OrderSnapshot refuse(String why) {
        return new OrderSnapshot(orderId, status, version, why, customer, lines, totalCents, pickupAt, placedAt);
    }
}
