package bakery.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

/** What tests order and what order-service would say about it. */
public final class SampleOrders {

    public static final String PICKUP = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString();

    private SampleOrders() {
    }

    /** The event order-service publishes when an order reaches {@code status} as its {@code version}-th transition. */
    public static OrderStatusChanged statusChanged(String orderId, OrderStatus status, long version) {
        return new OrderStatusChanged(1, UUID.fromString(orderId), status, version, null,
                new Customer("Ada", "ada@example.org"),
                List.of(new OrderLine("croissant", "Butter croissant", 2, 180)), 360,
                Instant.parse(PICKUP), Instant.now());
    }
}
