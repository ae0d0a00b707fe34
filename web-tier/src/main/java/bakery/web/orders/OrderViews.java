package bakery.web.orders;

import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.api.CustomerName;
import bakery.contracts.api.OrderView;

/** Every source of an order's state shown as the one shape pages and streams send: the customer by name only. */
public final class OrderViews {

    /** An order the order-service has not stored yet: as placed, before its first transition. */
    public static final long PLACED_VERSION = 0;

    private OrderViews() {
    }

    public static OrderView of(OrderStatusChanged e) {
        return new OrderView(e.orderId(), e.status(), e.version(), e.reason(), new CustomerName(e.customer().name()), e.lines(),
                e.totalCents(),
                e.pickupAt(), null, e.at());
    }

    public static OrderView of(OrderPlaced p) {
        return new OrderView(p.orderId(), OrderStatus.PLACED, PLACED_VERSION, null, new CustomerName(p.customer().name()),
                p.lines(), p.totalCents(),
                p.pickupAt(), p.placedAt(), p.placedAt());
    }
}
