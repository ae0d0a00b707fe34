package bakery.contracts.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;

/** One order as order-service serves it (GET /orders/{id}); the snapshot a live page starts from. */
public record OrderView(
        UUID orderId,
        OrderStatus status,
        long version,
        String reason,
        Customer customer,
        List<OrderLine> lines,
        long totalCents,
        Instant pickupAt,
        Instant placedAt,
        Instant updatedAt) {
}
