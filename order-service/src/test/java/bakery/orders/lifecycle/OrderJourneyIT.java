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
class OrderJourneyIT extends BakeryScenario {

    @Test
    void anOrderGoesFromAcceptedToPickedUpWithOneStatusEventPerStep() {
        OrderPlaced order = bakery.order(bakery.line("croissant", 4), bakery.line("sourdough-loaf", 1));
        bakery.place(order);

        List<OrderStatusChanged> accepted = bakery.awaitStatus(order.orderId(), OrderStatus.ACCEPTED);
        assertThat(accepted).singleElement().satisfies(event -> {
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.customer()).isEqualTo(order.customer());
            assertThat(event.totalCents()).isEqualTo(order.totalCents());
            assertThat(event.pickupAt()).isEqualTo(order.pickupAt());
            assertThat(event.lines()).extracting(l -> l.name()).containsExactly("Butter croissant", "Country sourdough loaf");
        });
        assertThat(bakery.bakeRequests(order.orderId())).singleElement().satisfies(request -> {
            assertThat(request.lines()).extracting(l -> l.sku() + "x" + l.quantity() + "@" + l.bakeSeconds())
                    .containsExactly("croissantx4@" + bakery.product("croissant").bakeSeconds(),
                            "sourdough-loafx1@" + bakery.product("sourdough-loaf").bakeSeconds());
        });

        bakery.ovenStarts(order.orderId());
        bakery.awaitStatus(order.orderId(), OrderStatus.BAKING);
        bakery.ovenFinishes(order.orderId());
        bakery.awaitStatus(order.orderId(), OrderStatus.READY);
        bakery.staff(order.orderId(), Action.PICK_UP);
        List<OrderStatusChanged> events = bakery.awaitStatus(order.orderId(), OrderStatus.PICKED_UP);

        assertThat(steps(events)).containsExactly("ACCEPTED v1", "BAKING v2", "READY v3", "PICKED_UP v4");
        assertThat(bakery.view(order.orderId())).satisfies(view -> {
            assertThat(view.status()).isEqualTo(OrderStatus.PICKED_UP);
            assertThat(view.version()).isEqualTo(4);
            assertThat(view.lines()).hasSize(2);
        });
    }

    @Test
    void redeliveredAndLateBakeEventsNeitherMoveTheOrderBackNorAnnounceTwice() {
        OrderPlaced order = bakery.accepted(bakery.line("baguette", 2));
        OrderPlaced marker = bakery.accepted(bakery.line("pretzel", 1));

        bakery.ovenStarts(order.orderId());
        bakery.ovenStarts(order.orderId());
        bakery.ovenFinishes(order.orderId());
        bakery.ovenFinishes(order.orderId());
        bakery.ovenStarts(order.orderId());
        bakery.ovenStartsBehind(order.orderId(), marker.orderId());
        bakery.awaitStatus(marker.orderId(), OrderStatus.BAKING);

        assertThat(steps(bakery.statuses(order.orderId()))).containsExactly("ACCEPTED v1", "BAKING v2", "READY v3");
        assertThat(bakery.view(order.orderId())).satisfies(view -> {
            assertThat(view.status()).isEqualTo(OrderStatus.READY);
            assertThat(view.version()).isEqualTo(3);
        });
    }

    /** Each status event as "STATUS vN": what the board and the customer's page would show, in order. */
    private static List<String> steps(List<OrderStatusChanged> events) {
        return events.stream().map(e -> e.status() + " v" + e.version()).toList();
    }
}
