package bakery.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.Customer;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

class VerdictTest {

    static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");
    static final Customer ADA = new Customer("Ada", "ada@example.com");
    static final List<OrderLine> LINES = List.of(new OrderLine("croissant", "Butter croissant", 1, 180));

    final UUID first = OrderIds.next();
    final UUID second = OrderIds.next();

    static OrderStatusChanged change(UUID id, OrderStatus status, long version) {
        return new OrderStatusChanged(1, id, status, version, null, ADA, LINES, 180, AT, AT);
    }

    static List<OrderStatusChanged> journey(UUID id) {
        return List.of(change(id, OrderStatus.ACCEPTED, 1), change(id, OrderStatus.BAKING, 2),
                change(id, OrderStatus.READY, 3));
    }

    static Mails.Mail mail(UUID id, OrderStatus status) {
        return new Mails.Mail(OrderIds.number(id), status);
    }

    @Test
    void everyOrderReadyOnceBakedOnceMailedOnceIsAClean() {
        List<OrderStatusChanged> changes = new ArrayList<>(journey(first));
        changes.addAll(journey(second));
        Verdict v = Verdict.of(Set.of(first, second), changes,
                List.of(BakeEvent.finished(first, "baking-worker-1", AT), BakeEvent.finished(second, "baking-worker-2", AT)),
                List.of(mail(first, OrderStatus.READY), mail(second, OrderStatus.READY)),
                List.of(new CartCheck("croissant", 7, List.of(), 7)), Map.of(Outcome.OK, 40L));

        assertThat(v.passed()).isTrue();
        assertThat(v.line()).startsWith("lost=0 duplicated=0 accepted=2 settled=2 ").contains("requests=40 ok=40");
    }

    @Test
    void anAcceptedOrderThatNeverSettlesIsLost() {
        Verdict v = Verdict.of(Set.of(first, second), journey(first), List.of(), List.of(mail(first, OrderStatus.READY)),
                List.of(), Map.of());
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void aSecondBakeOrReadyTransitionOrMailIsADuplicateButARepeatedEventIsNot() {
        List<OrderStatusChanged> changes = new ArrayList<>(journey(first));
        changes.add(change(first, OrderStatus.READY, 3));
        changes.addAll(journey(second));
        changes.add(change(second, OrderStatus.READY, 4));
        Verdict v = Verdict.of(Set.of(first, second), changes,
                List.of(BakeEvent.finished(first, "baking-worker-1", AT), BakeEvent.finished(first, "baking-worker-2", AT),
                        BakeEvent.finished(second, "baking-worker-1", AT), BakeEvent.finished(second, "baking-worker-1", AT)),
                List.of(mail(first, OrderStatus.READY), mail(first, OrderStatus.READY), mail(second, OrderStatus.READY)),
                List.of(), Map.of());

        assertThat(v.readyTwice()).isEqualTo(1);
        assertThat(v.bakedTwice()).isEqualTo(1);
        assertThat(v.mailedTwice()).isEqualTo(1);
        assertThat(v.duplicated()).isEqualTo(2);
    }

    @Test
    void aRejectedOrderIsSettledAndASettledOrderWithoutItsMailIsCounted() {
        Verdict v = Verdict.of(Set.of(first), List.of(change(first, OrderStatus.REJECTED, 1)), List.of(), List.of(), List.of(),
                Map.of());
        assertThat(v.lost()).isZero();
        assertThat(v.unmailed()).isEqualTo(1);
    }

    @Test
    void aCartMustHoldWhatWasAcknowledgedOrALaterUnansweredChange() {
        assertThat(new CartCheck("croissant", 4, List.of(), 4).intact()).isTrue();
        assertThat(new CartCheck("croissant", 4, List.of(5), 5).intact()).isTrue();
        assertThat(new CartCheck("croissant", 4, List.of(), 3).intact()).isFalse();
        assertThat(new CartCheck("croissant", 4, List.of(), null).intact()).isFalse();
        Verdict v = Verdict.of(Set.of(), List.of(), List.of(), List.of(),
                List.of(new CartCheck("croissant", 4, List.of(), null)), Map.of());
        assertThat(v.cartsLost()).isEqualTo(1);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void outcomesAreCountedSoTheLineSaysHowRequestsFailed() {
        Verdict v = Verdict.of(Set.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(Outcome.OK, 90L, Outcome.UNAVAILABLE, 8L, Outcome.NO_ANSWER, 2L));
        assertThat(v.line()).contains("requests=100 ok=90 unavailable-503=8 refused-4xx=0 server-error=0 no-answer=2");
    }
}
