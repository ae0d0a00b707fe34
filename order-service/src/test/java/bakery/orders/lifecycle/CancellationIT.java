package bakery.orders.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderCommand.Action;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;

@QuarkusTest
@OrderServiceTest
class CancellationIT extends BakeryScenario {

    @Test
    void anOrderCancelledBeforeBakingStaysCancelledWhateverTheOvensSayLater() {
        OrderPlaced order = bakery.accepted(bakery.line("lemon-tart", 2));
        OrderPlaced marker = bakery.accepted(bakery.line("pretzel", 1));

        bakery.staff(order.orderId(), Action.CANCEL);
        bakery.awaitStatus(order.orderId(), OrderStatus.CANCELLED);
        bakery.ovenStarts(order.orderId());
        bakery.ovenFinishes(order.orderId());
        bakery.ovenStartsBehind(order.orderId(), marker.orderId());
        bakery.awaitStatus(marker.orderId(), OrderStatus.BAKING);
        // A repeated cancel changes nothing; the pick-up behind it on the same partition is refused.
        bakery.staff(order.orderId(), Action.CANCEL);
        bakery.staff(order.orderId(), Action.PICK_UP);
        List<OrderStatusChanged> events = bakery.awaitRefusal(order.orderId());

        assertThat(events).extracting(OrderStatusChanged::status, OrderStatusChanged::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OrderStatus.ACCEPTED, 1L),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.CANCELLED, 2L),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.CANCELLED, 2L));
        assertThat(events.get(2).reason()).contains("cannot be picked up");
        assertThat(bakery.view(order.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void cancellingAfterBakingStartedIsRefusedWithAReasonAndTheOrderBakesOn() {
        OrderPlaced order = bakery.accepted(bakery.line("rye-bread", 1));
        bakery.ovenStarts(order.orderId());
        bakery.awaitStatus(order.orderId(), OrderStatus.BAKING);

        bakery.staff(order.orderId(), Action.CANCEL);
        List<OrderStatusChanged> events = bakery.awaitRefusal(order.orderId());

        OrderStatusChanged refusal = events.get(events.size() - 1);
        assertThat(refusal.status()).isEqualTo(OrderStatus.BAKING);
        assertThat(refusal.version()).isEqualTo(2);
        assertThat(refusal.reason()).contains("baking has started");
        assertThat(bakery.view(order.orderId()).status()).isEqualTo(OrderStatus.BAKING);

        bakery.ovenFinishes(order.orderId());
        assertThat(bakery.awaitStatus(order.orderId(), OrderStatus.READY))
                .filteredOn(e -> e.status() == OrderStatus.READY).singleElement()
                .extracting(OrderStatusChanged::version).isEqualTo(3L);
    }
}
