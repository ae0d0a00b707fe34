package bakery.contracts.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;

/**
 * One order as order-service serves it (GET /orders/{id}); the snapshot a live page starts from, and what the board
 * and a customer's order page receive. The customer is named, never addressed: see {@link CustomerName}.
 */
public record OrderView(
        UUID orderId,
        OrderStatus status,
        long version,
        String reason,
        CustomerName customer,
        List<OrderLine> lines,
        long totalCents,
        Instant pickupAt,
        Instant placedAt,
        Instant updatedAt) {
}
