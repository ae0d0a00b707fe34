package bakery.stack.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import bakery.stack.figures.KeyFigures;

class OrderPaceTest {

    @Test
    void theLoadIsAShareOfWhatTheBakersOvensBakeAtTheirMeasuredPace() {
        // 2 bakers with 4 slots each; 100 orders baked in 150 s of oven time: 1.5 s an order
        OrderPace pace = OrderPace.of(new KeyFigures.Ovens(2, 8, 100, 150), OptionalDouble.of(30), 0.05, 0.5, 2);

        assertThat(pace.ovensPerSecond()).isCloseTo(8 / 1.5, within(1e-9));
        assertThat(pace.ordersPerSecond()).isCloseTo(8 / 1.5 / 2, within(1e-9));
        assertThat(pace.shopperInterval()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void beforeAnyBakeTheCatalogsMeanAtThisShellsOvenSpeedStandsIn() {
        // real bake times: a mean of 30 s, 8 slots: 0.27 orders/s; half of it for 2 shoppers: one order each per 15 s
        OrderPace pace = OrderPace.of(new KeyFigures.Ovens(2, 8, 0, 0), OptionalDouble.of(30), 1.0, 0.5, 2);

        assertThat(pace.shopperInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(pace.describe()).contains("nothing baked yet");
    }

    @Test
    void withoutABakerThereIsNoLoadToSize() {
        assertThatThrownBy(() -> OrderPace.of(new KeyFigures.Ovens(0, 0, 0, 0), OptionalDouble.of(30), 1.0, 0.5, 2))
                .isInstanceOf(StackException.class).hasMessageContaining("no baking-worker");
    }

    @Test
    void anUnsetSpeedFactorMeansRealBakeTimes() {
        assertThat(OrderPace.speedFactor(null)).isEqualTo(1.0);
        assertThat(OrderPace.speedFactor("0.05")).isEqualTo(0.05);
    }
}
