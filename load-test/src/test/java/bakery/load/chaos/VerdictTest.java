package bakery.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    static Map<UUID, Instant> accepted(UUID... ids) {
        Map<UUID, Instant> accepted = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            accepted.put(ids[i], AT.plusSeconds(i));
        }
        return accepted;
    }

    static Whereabouts found(Optional<OrderStatus> stored, boolean inOutbox, List<String> queues, Optional<String> lease) {
        return Whereabouts.of(new Whereabouts.Evidence(stored, inOutbox, queues, lease));
    }

    static Mails.Mail mail(UUID id, OrderStatus status) {
        return new Mails.Mail(OrderIds.number(id), status);
    }

    @Test
    void everyOrderReadyOnceBakedOnceMailedOnceIsAClean() {
        List<OrderStatusChanged> changes = new ArrayList<>(journey(first));
        changes.addAll(journey(second));
        Verdict v = Verdict.of(accepted(first, second), changes,
                List.of(BakeEvent.finished(first, "baking-worker-1", AT), BakeEvent.finished(second, "baking-worker-2", AT)),
                List.of(mail(first, OrderStatus.READY), mail(second, OrderStatus.READY)),
                List.of(new CartCheck("croissant", 7, List.of(), 7)), Map.of(Outcome.OK, 40L), Map.of());

        assertThat(v.passed()).isTrue();
        assertThat(v.line()).startsWith("lost=0 late=0 duplicated=0 accepted=2 settled=2 ").contains("requests=40 ok=40");
    }

    @Test
    void aReleaseChangeCountsEvery5xxAndUnansweredRequestAsFailedButNotARefusal() {
        List<OrderStatusChanged> changes = new ArrayList<>(journey(first));
        Verdict v = Verdict.of(accepted(first), changes, List.of(BakeEvent.finished(first, "baking-worker-1", AT)),
                List.of(mail(first, OrderStatus.READY)), List.of(new CartCheck("croissant", 3, List.of(), 3)),
                Map.of(Outcome.OK, 90L, Outcome.REFUSED, 4L, Outcome.UNAVAILABLE, 1L, Outcome.SERVER_ERROR, 2L,
                        Outcome.NO_ANSWER, 3L),
                Map.of());

        assertThat(v.failedRequests()).isEqualTo(6);
        assertThat(v.releaseChangeLine(42)).isEqualTo("failed-requests=6 lost=0 duplicated=0 carts-lost=0 mixed-seconds=42");

        Verdict clean = Verdict.of(accepted(first), changes, List.of(BakeEvent.finished(first, "baking-worker-1", AT)),
                List.of(mail(first, OrderStatus.READY)), List.of(new CartCheck("croissant", 3, List.of(), 2)),
                Map.of(Outcome.OK, 90L, Outcome.REFUSED, 4L), Map.of());
        assertThat(clean.releaseChangeLine(0)).as("a cart that lost its change")
                .isEqualTo("failed-requests=0 lost=0 duplicated=0 carts-lost=1 mixed-seconds=0");
    }

    @Test
    void aFormsRedirectToTheNextPageIsAnAnswerNotARefusal() {
        assertThat(Outcome.of(303)).isEqualTo(Outcome.OK);
        assertThat(Outcome.of(403)).isEqualTo(Outcome.REFUSED);
        assertThat(Outcome.of(502)).isEqualTo(Outcome.SERVER_ERROR);
    }

    @Test
    void anUnsettledOrderFoundNowhereIsLost() {
        Verdict v = Verdict.of(accepted(first, second), journey(first), List.of(), List.of(mail(first, OrderStatus.READY)),
                List.of(), Map.of(), Map.of(second, found(Optional.empty(), false, List.of(), Optional.empty())));
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.late()).isZero();
        assertThat(v.passed()).isFalse();
        assertThat(v.line()).startsWith("lost=1 late=0 ");
    }

    @Test
    void anUnsettledOrderStillQueuedOrInAnOvenIsLateNotLostAndTheRunPasses() {
        UUID third = OrderIds.next();
        Verdict v = Verdict.of(accepted(first, second, third), journey(first), List.of(),
                List.of(mail(first, OrderStatus.READY)), List.of(), Map.of(),
                Map.of(second, found(Optional.of(OrderStatus.ACCEPTED), false, List.of("bake.requests (baking-worker)"),
                        Optional.empty()),
                        third, found(Optional.of(OrderStatus.BAKING), false, List.of(), Optional.of("baking-worker-2"))));

        assertThat(v.lost()).isZero();
        assertThat(v.late()).isEqualTo(2);
        assertThat(v.passed()).isTrue();
        assertThat(v.line()).startsWith("lost=0 late=2 duplicated=0 accepted=3 settled=1 ");
        // the oldest late order is the one accepted first, and the line says where it waits
        assertThat(v.oldestLateLine(AT.plusSeconds(60)).orElseThrow())
                .contains(OrderIds.number(second)).contains("59 s before the wait ended")
                .contains("queued in bake.requests (baking-worker), stored as ACCEPTED");
    }

    @Test
    void whereAnOrderCanStillBe() {
        assertThat(found(Optional.empty(), false, List.of("orders.placed (order-service)"), Optional.empty()).lost())
                .isFalse();
        assertThat(found(Optional.of(OrderStatus.ACCEPTED), false, List.of(), Optional.empty()).describe())
                .isEqualTo("stored as ACCEPTED");
        assertThat(found(Optional.of(OrderStatus.READY), true, List.of(), Optional.empty()).describe())
                .isEqualTo("in the order-service's outbox");
        assertThat(found(Optional.of(OrderStatus.BAKING), false, List.of("bake.requests (baking-worker)"),
                Optional.of("baking-worker-1")).describe())
                .isEqualTo("in the oven of baking-worker-1, queued in bake.requests (baking-worker), stored as BAKING");
        // stored as settled, yet its status never reached orders.status, and nothing will send it: lost
        assertThat(found(Optional.of(OrderStatus.READY), false, List.of(), Optional.empty()).lost()).isTrue();
        assertThat(found(Optional.empty(), false, List.of(), Optional.empty()).describe()).isEqualTo("nowhere");
    }

    @Test
    void aSecondBakeOrReadyTransitionOrMailIsADuplicateButARepeatedEventIsNot() {
        List<OrderStatusChanged> changes = new ArrayList<>(journey(first));
        changes.add(change(first, OrderStatus.READY, 3));
        changes.addAll(journey(second));
        changes.add(change(second, OrderStatus.READY, 4));
        Verdict v = Verdict.of(accepted(first, second), changes,
                List.of(BakeEvent.finished(first, "baking-worker-1", AT), BakeEvent.finished(first, "baking-worker-2", AT),
                        BakeEvent.finished(second, "baking-worker-1", AT), BakeEvent.finished(second, "baking-worker-1", AT)),
                List.of(mail(first, OrderStatus.READY), mail(first, OrderStatus.READY), mail(second, OrderStatus.READY)),
                List.of(), Map.of(), Map.of());

        assertThat(v.readyTwice()).isEqualTo(1);
        assertThat(v.bakedTwice()).isEqualTo(1);
        assertThat(v.mailedTwice()).isEqualTo(1);
        assertThat(v.duplicated()).isEqualTo(2);
    }

    @Test
    void aRejectedOrderIsSettledAndASettledOrderWithoutItsMailIsCounted() {
        Verdict v = Verdict.of(accepted(first), List.of(change(first, OrderStatus.REJECTED, 1)), List.of(), List.of(),
                List.of(),
                Map.of(), Map.of());
        assertThat(v.lost()).isZero();
        assertThat(v.unmailed()).isEqualTo(1);
    }

    @Test
    void aCartMustHoldWhatWasAcknowledgedOrALaterUnansweredChange() {
        assertThat(new CartCheck("croissant", 4, List.of(), 4).intact()).isTrue();
        assertThat(new CartCheck("croissant", 4, List.of(5), 5).intact()).isTrue();
        assertThat(new CartCheck("croissant", 4, List.of(), 3).intact()).isFalse();
        assertThat(new CartCheck("croissant", 4, List.of(), null).intact()).isFalse();
        Verdict v = Verdict.of(Map.of(), List.of(), List.of(), List.of(),
                List.of(new CartCheck("croissant", 4, List.of(), null)), Map.of(), Map.of());
        assertThat(v.cartsLost()).isEqualTo(1);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void outcomesAreCountedSoTheLineSaysHowRequestsFailed() {
        Verdict v = Verdict.of(Map.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(Outcome.OK, 90L, Outcome.UNAVAILABLE, 8L, Outcome.NO_ANSWER, 2L), Map.of());
        assertThat(v.line()).contains("requests=100 ok=90 unavailable-503=8 refused-4xx=0 server-error=0 no-answer=2");
    }
}
