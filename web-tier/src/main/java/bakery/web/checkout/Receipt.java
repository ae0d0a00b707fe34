package bakery.web.checkout;

import java.util.UUID;

import bakery.contracts.OrderStatus;

/** The answer to a checkout (202): the order and where to watch it. {@code repeated} marks a retried checkout. */
public record Receipt(UUID orderId, OrderStatus status, String orderPage, boolean repeated) {

    static Receipt of(UUID orderId, boolean repeated) {
        return new Receipt(orderId, OrderStatus.PLACED, "/orders/" + orderId, repeated);
    }
}
