package bakery.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An operator names the target load as orders per minute or per second; anything else is refused with an example. */
class CapacityTargetTest {

    @Test
    void aTargetIsReadPerMinuteOrPerSecond() {
        assertThat(CapacityCommand.perMinute("1000/min")).isEqualTo(1000);
        assertThat(CapacityCommand.perMinute("1000")).isEqualTo(1000);
        assertThat(CapacityCommand.perMinute("20/s")).isEqualTo(1200);
        assertThat(CapacityCommand.perMinute(" 50000/MIN ")).isEqualTo(50000);
    }

    @Test
    void aTargetThatIsNoRateIsRefusedWithAnExample() {
        for (String bad : new String[] { "lots", "-5/min", "0", "/min", "-1/s", "NaN" }) {
            assertThatThrownBy(() -> CapacityCommand.perMinute(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("like 1000/min or 20/s");
        }
    }
}
