package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.WorkerScaling;

class ScaleDownWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private final ScaleDownWindow window = new ScaleDownWindow(
            new WorkerScaling("baking-worker", "baking-worker", List.of("bake.requests"), 20, 2, 12, Optional.empty()),
            Duration.ofSeconds(120));

    @Test
    void scalesUpAtOnce() {
        ScaleDownWindow.Decision d = window.decide(T0, 2, 200, 12);
        assertThat(d.changes()).isTrue();
        assertThat(d.desired()).isEqualTo(10);
    }

    @Test
    void scalesDownOnlyWhenTheLagStayedLowForTheWholeCooldown() {
        window.decide(T0, 2, 200, 12);
        ScaleDownWindow.Decision soonAfter = window.decide(T0.plusSeconds(30), 10, 0, 12);
        assertThat(soonAfter.changes()).isFalse();
        assertThat(soonAfter.heldByCooldown()).isTrue();

        ScaleDownWindow.Decision afterCooldown = window.decide(T0.plusSeconds(151), 10, 0, 12);
        assertThat(afterCooldown.desired()).isEqualTo(2);
    }

    @Test
    void scalesDownStepwiseToTheHighestRecentNeed() {
        window.decide(T0, 10, 200, 12);
        window.decide(T0.plusSeconds(60), 10, 100, 12);
        ScaleDownWindow.Decision d = window.decide(T0.plusSeconds(130), 10, 0, 12);
        assertThat(d.desired()).isEqualTo(5);
    }
}
