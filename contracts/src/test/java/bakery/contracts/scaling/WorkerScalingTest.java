package bakery.contracts.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WorkerScalingTest {

    private final WorkerScaling bakers = new WorkerScaling("baking-worker", "baking-worker", List.of("bake.requests"),
            20, 2, 12, Optional.empty());

    @Test
    void noLagKeepsTheMinimum() {
        assertThat(bakers.recommended(0, 12)).isEqualTo(2);
        assertThat(bakers.recommended(-5, 12)).isEqualTo(2);
    }

    @Test
    void oneInstancePerLagThresholdRoundedUp() {
        assertThat(bakers.recommended(60, 12)).isEqualTo(3);
        assertThat(bakers.recommended(61, 12)).isEqualTo(4);
        assertThat(bakers.recommended(100, 12)).isEqualTo(5);
        assertThat(bakers.recommended(101, 12)).isEqualTo(6);
    }

    @Test
    void neverMoreInstancesThanMaxOrPartitions() {
        assertThat(bakers.recommended(1_000_000, 48)).isEqualTo(12);
        assertThat(bakers.recommended(1_000_000, 6)).isEqualTo(6);
    }

    @Test
    void minWinsOverASmallerPartitionCountAsInKeda() {
        assertThat(bakers.recommended(1_000, 1)).isEqualTo(2);
        assertThat(bakers.bounded(3, null).recommended(10_000, 2)).isEqualTo(3);
    }

    @Test
    void operatorBoundsReplaceTheShippedOnes() {
        WorkerScaling narrowed = bakers.bounded(1, 3);
        assertThat(narrowed.min()).isEqualTo(1);
        assertThat(narrowed.max()).isEqualTo(3);
        assertThat(narrowed.recommended(10_000, 12)).isEqualTo(3);
        assertThat(narrowed.lagThreshold()).isEqualTo(bakers.lagThreshold());
    }

    @Test
    void aRuleThatCannotHoldIsRefused() {
        assertThatThrownBy(() -> new WorkerScaling("w", "w", List.of("t"), 0, 1, 2, Optional.empty()))
                .hasMessageContaining("lag-threshold");
        assertThatThrownBy(() -> new WorkerScaling("w", "w", List.of("t"), 10, 3, 2, Optional.empty()))
                .hasMessageContaining("min");
        assertThatThrownBy(() -> new WorkerScaling("w", "w", List.of(), 10, 1, 2, Optional.empty()))
                .hasMessageContaining("topics");
    }

    @Test
    void theJarShipsARuleForEveryWorker() {
        Map<String, WorkerScaling> shipped = WorkerScaling.shipped();

        assertThat(shipped).containsOnlyKeys("order-service", "baking-worker", "notification-worker");
        WorkerScaling baking = shipped.get("baking-worker");
        assertThat(baking.consumerGroup()).isEqualTo("baking-worker");
        assertThat(baking.topics()).containsExactly("bake.requests");
        assertThat(shipped.get("order-service").topics()).containsExactly("orders.placed", "orders.commands", "bake.events");
        assertThat(shipped.values()).allSatisfy(rule -> assertThat(rule.min()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void aMissingSettingIsNamed() {
        String props = "scale.w.consumer-group=w\nscale.w.topics=t\nscale.w.min=1\nscale.w.max=2\n";
        assertThatThrownBy(() -> WorkerScaling.read(new ByteArrayInputStream(props.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("scale.w.lag-threshold");
    }
}
