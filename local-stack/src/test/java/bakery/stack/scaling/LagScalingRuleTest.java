package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LagScalingRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private final LagScalingRule rule = new LagScalingRule(20, 2, 12, Duration.ofSeconds(120));

    @Test
    void asksForOneInstancePerLagThresholdRoundedUp() {
        assertThat(rule.recommended(60, 12)).isEqualTo(3);
        assertThat(rule.recommended(61, 12)).isEqualTo(4);
    }

    @Test
    void neverGoesBelowMinEvenWithoutLag() {
        assertThat(rule.recommended(0, 12)).isEqualTo(2);
    }

    @Test
    void neverRunsMoreInstancesThanPartitionsOrMax() {
        assertThat(rule.recommended(10_000, 6)).isEqualTo(6);
        assertThat(rule.recommended(10_000, 48)).isEqualTo(12);
    }

    @Test
    void minWinsOverASmallerPartitionCountAsInKeda() {
        assertThat(new LagScalingRule(20, 3, 12, Duration.ZERO).recommended(10_000, 2)).isEqualTo(3);
    }

    @Test
    void scalesUpAtOnce() {
        LagScalingRule.Decision d = rule.decide(T0, 2, 200, 12);
        assertThat(d.changes()).isTrue();
        assertThat(d.desired()).isEqualTo(10);
    }

    @Test
    void scalesDownOnlyWhenTheLagStayedLowForTheWholeCooldown() {
        rule.decide(T0, 2, 200, 12);
        LagScalingRule.Decision soonAfter = rule.decide(T0.plusSeconds(30), 10, 0, 12);
        assertThat(soonAfter.changes()).isFalse();
        assertThat(soonAfter.heldByCooldown()).isTrue();

        LagScalingRule.Decision afterCooldown = rule.decide(T0.plusSeconds(151), 10, 0, 12);
        assertThat(afterCooldown.desired()).isEqualTo(2);
    }

    @Test
    void scalesDownStepwiseToTheHighestRecentNeed() {
        rule.decide(T0, 10, 200, 12);
        rule.decide(T0.plusSeconds(60), 10, 100, 12);
        LagScalingRule.Decision d = rule.decide(T0.plusSeconds(130), 10, 0, 12);
        assertThat(d.desired()).isEqualTo(5);
    }

    @Test
    void refusesParametersThatCannotWork() {
        assertThatThrownBy(() -> new LagScalingRule(0, 1, 3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LagScalingRule(10, 4, 3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
