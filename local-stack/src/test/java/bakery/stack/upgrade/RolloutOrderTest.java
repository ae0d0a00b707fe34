package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.upgrade.RolloutOrder.Replacement;

/** The order in which an operator sees nodes replaced, forward and back. */
class RolloutOrderTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private static Instance node(Service s, int ordinal) {
        int port = 8000 + ordinal;
        return new Instance(s.module(), s.nodeId(ordinal), 1000 + ordinal, port, port + 1000, NOW, NOW, "1.0.0-a");
    }

    /** Started in up's order (order-service first, web last), with servers between, and ordinals out of order. */
    private static final StackState STACK = new StackState(NOW, 0, List.of(
            new Instance("kafka", "kafka", 1, 9092, NOW, NOW),
            node(Service.ORDER_SERVICE, 1),
            node(Service.BAKING_WORKER, 2),
            node(Service.BAKING_WORKER, 1),
            node(Service.NOTIFICATION_WORKER, 1),
            node(Service.WEB_TIER, 1),
            node(Service.WEB_TIER, 2)), "1.0.0-a");

    @Test
    void anUpgradeReplacesWorkersThenOrderServiceThenTheWebTierOneNodeAtATime() {
        assertThat(RolloutOrder.plan(STACK, RolloutOrder.FORWARD)).containsExactly(
                new Replacement(Service.BAKING_WORKER, "baking-worker-1"),
                new Replacement(Service.BAKING_WORKER, "baking-worker-2"),
                new Replacement(Service.NOTIFICATION_WORKER, "notification-worker-1"),
                new Replacement(Service.ORDER_SERVICE, "order-service-1"),
                new Replacement(Service.WEB_TIER, "web-1"),
                new Replacement(Service.WEB_TIER, "web-2"));
    }

    @Test
    void aRollbackGoesTheSameWayBackWebTierFirst() {
        assertThat(RolloutOrder.plan(STACK, RolloutOrder.BACK)).extracting(Replacement::nodeId).containsExactly(
                "web-1", "web-2", "order-service-1", "notification-worker-1", "baking-worker-1", "baking-worker-2");
    }

    @Test
    void aNodeOutOfRotationForDiagnosisIsLeftAsItIs() {
        assertThat(RolloutOrder.plan(STACK.drain("web-2"), RolloutOrder.FORWARD)).extracting(Replacement::nodeId)
                .doesNotContain("web-2").contains("web-1");
    }

    @Test
    void aFailedRolloutUndoesTheLatestReplacementFirst() {
        assertThat(RolloutOrder.undo(List.of("baking-worker-3", "baking-worker-4", "notification-worker-2")))
                .containsExactly("notification-worker-2", "baking-worker-4", "baking-worker-3");
    }
}
