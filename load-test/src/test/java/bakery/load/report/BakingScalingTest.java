package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class BakingScalingTest {

    @Test
    void oneWorkerWithFourSlotsNeedsAtLeastTwentyFourSecondsForFortyEightOrdersOfTwoSeconds() {
        assertThat(BakingScaling.fastestPossibleSeconds(48, 2, 4)).isEqualTo(24.0);
    }

    @Test
    void aStepFasterThanItsOvensAllowIsRefusedNotReported() {
        // The run the bench once printed: 48 orders of 2 s in 1.9 s on one worker's 4 slots.
        BakingScaling.Run impossible = new BakingScaling.Run(1, 48, 1.9);

        assertThatThrownBy(() -> BakingScaling.requirePossible(impossible, 2, 4, 0.02))
                .isInstanceOf(BakingScaling.ImpossibleRun.class)
                .hasMessageContaining("48 orders in 1.9 s")
                .hasMessageContaining("at least 24.0 s");
    }

    @Test
    void aStepAtTheOvensPaceIsAccepted() {
        BakingScaling.requirePossible(new BakingScaling.Run(1, 48, 24.2), 2, 4, 0.02);
        BakingScaling.requirePossible(new BakingScaling.Run(4, 48, 5.95), 2, 16, 0.02);
    }

    @Test
    void efficiencyIsThroughputOverInstancesTimesOneInstancesThroughput() {
        List<BakingScaling.Step> steps = BakingScaling
                .of(List.of(new BakingScaling.Run(1, 48, 24), new BakingScaling.Run(4, 48, 6.25)));

        assertThat(steps.get(1).efficiency()).isCloseTo(0.96, within(1e-9));
    }
}
