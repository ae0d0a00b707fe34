package bakery.load.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

class OrderTimesTest {

    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final Customer ADA = new Customer("Ada", "ada@example.com");
    static final List<OrderLine> LINES = List.of(new OrderLine("croissant", "Butter croissant", 1, 180));

    static OrderPlaced placed(UUID id, Instant at) {
        return OrderPlaced.of(id, "key-" + id, ADA, LINES, at.plusSeconds(3600), at, "web-1");
    }

    static OrderStatusChanged change(UUID id, OrderStatus status, long version, Instant at) {
        return new OrderStatusChanged(1, id, status, version, null, ADA, LINES, 180, at.plusSeconds(3600), at);
    }

    @Test
    void timesEachOrderFromCheckoutToAcceptedAndReady() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        OrderTimes times = OrderTimes.of(List.of(placed(a, T0), placed(b, T0.plusSeconds(1))), List.of(
                change(a, OrderStatus.ACCEPTED, 1, T0.plusMillis(40)),
                change(a, OrderStatus.READY, 3, T0.plusMillis(20_000)),
                change(b, OrderStatus.ACCEPTED, 1, T0.plusMillis(1_060))));

        assertThat(times.placed()).isEqualTo(2);
        assertThat(times.placedToAccepted().count()).isEqualTo(2);
        assertThat(times.placedToAccepted().max()).isEqualTo(60);
        assertThat(times.placedToReady().p50()).isEqualTo(20_000);
        assertThat(times.notAccepted()).isZero();
        assertThat(times.notReady()).isEqualTo(1);
    }

    @Test
    void aRedeliveredStatusEventDoesNotMoveTheTime() {
        UUID a = UUID.randomUUID();
        OrderTimes times = OrderTimes.of(List.of(placed(a, T0)), List.of(
                change(a, OrderStatus.ACCEPTED, 1, T0.plusMillis(90)),
                change(a, OrderStatus.ACCEPTED, 1, T0.plusMillis(50))));
        assertThat(times.placedToAccepted().p50()).isEqualTo(50);
    }

    @Test
    void statusEventsOfOrdersPlacedBeforeTheRunAreIgnored() {
        OrderTimes times = OrderTimes.of(List.of(), List.of(change(UUID.randomUUID(), OrderStatus.READY, 3, T0)));
        assertThat(times.placed()).isZero();
        assertThat(times.placedToReady().count()).isZero();
    }
}
