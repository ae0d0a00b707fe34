package bakery.load.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.load.report.Percentiles;

/**
 * How long orders took from checkout ({@code OrderPlaced.placedAt}, the web node's clock) to
 * ACCEPTED and to READY (the status event's {@code at}, the order-service's clock; one machine, one
 * clock). Orders that never got there are counted, not timed.
 */
public record OrderTimes(int placed, Percentiles placedToAccepted, Percentiles placedToReady, int notAccepted, int notReady) {

    public static OrderTimes of(Collection<OrderPlaced> placed, Collection<OrderStatusChanged> changes) {
        Map<UUID, OrderPlaced> byId = new HashMap<>();
        placed.forEach(p -> byId.putIfAbsent(p.orderId(), p));
        Map<UUID, OrderStatusChanged> accepted = first(changes, OrderStatus.ACCEPTED);
        Map<UUID, OrderStatusChanged> ready = first(changes, OrderStatus.READY);
        List<Long> toAccepted = new ArrayList<>();
        List<Long> toReady = new ArrayList<>();
        byId.forEach((id, order) -> {
            if (accepted.containsKey(id)) {
                toAccepted.add(Duration.between(order.placedAt(), accepted.get(id).at()).toMillis());
            }
            if (ready.containsKey(id)) {
                toReady.add(Duration.between(order.placedAt(), ready.get(id).at()).toMillis());
            }
        });
        return new OrderTimes(byId.size(), Percentiles.of(toAccepted), Percentiles.of(toReady),
                byId.size() - toAccepted.size(), byId.size() - toReady.size());
    }

    /** The earliest event of the status per order: a redelivered duplicate does not move the time. */
    private static Map<UUID, OrderStatusChanged> first(Collection<OrderStatusChanged> changes, OrderStatus status) {
        Map<UUID, OrderStatusChanged> first = new HashMap<>();
        for (OrderStatusChanged c : changes) {
            if (c.status() == status) {
                first.merge(c.orderId(), c, (a, b) -> a.at().isBefore(b.at()) ? a : b);
            }
        }
        return first;
    }
}
