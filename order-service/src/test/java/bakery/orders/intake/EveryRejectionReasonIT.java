package bakery.orders.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;

@QuarkusTest
@OrderServiceTest
class EveryRejectionReasonIT extends BakeryScenario {

    @Test
    void unknownProduct() {
        assertRejected(bakery.order(bakery.line("croissant", 1), new OrderLine("stollen", "Stollen", 1, 900)),
                "unknown product 'stollen'");
    }

    @Test
    void priceThatNoLongerMatches() {
        long price = bakery.product("baguette").priceCents();
        assertRejected(bakery.order(new OrderLine("baguette", "Baguette", 1, price - 10)),
                "no longer matches the catalog price " + price);
    }

    @Test
    void quantityBelowOne() {
        assertRejected(bakery.order(bakery.line("pretzel", 0)), "quantity 0 is outside 1..50");
    }

    @Test
    void quantityAboveFifty() {
        assertRejected(bakery.order(bakery.line("pretzel", 51)), "quantity 51 is outside 1..50");
    }

    @Test
    void emptyOrder() {
        assertRejected(bakery.order(), "the order has no lines");
    }

    @Test
    void moreThanThirtyLines() {
        assertRejected(bakery.order(Collections.nCopies(31, bakery.line("spelt-roll", 1)).toArray(OrderLine[]::new)),
                "31 lines; at most 30");
    }

    @Test
    void totalThatDoesNotAddUp() {
        OrderLine line = bakery.line("croissant", 2);
        assertRejected(
                new OrderPlaced(1, UUID.randomUUID(), UUID.randomUUID().toString(), new Customer("Ada", "ada@example.org"),
                        List.of(line), line.totalCents() - 1, null, Instant.now(), "web-test", null),
                "does not match the lines");
    }

    private void assertRejected(OrderPlaced order, String reason) {
        bakery.place(order);
        List<OrderStatusChanged> events = bakery.awaitStatus(order.orderId(), OrderStatus.REJECTED);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.reason()).contains(reason);
            assertThat(event.customer()).isEqualTo(order.customer());
        });
        assertThat(bakery.view(order.orderId())).satisfies(view -> {
            assertThat(view.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(view.reason()).contains(reason);
        });
        assertThat(bakery.bakeRequests(order.orderId())).isEmpty();
    }
}
