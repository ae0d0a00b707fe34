package bakery.baking.oven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.BakeLine;
import bakery.contracts.BakeRequest;

class BakeTimeTest {

    private static BakeRequest request(BakeLine... lines) {
        return BakeRequest.of(UUID.randomUUID(), List.of(lines), Instant.now());
    }

    @Test
    void anOrderBakesAsLongAsItsSlowestProduct() {
        BakeRequest order = request(new BakeLine("croissant", 6, 900), new BakeLine("sourdough", 1, 2400));

        assertThat(BakeTime.of(order, 1.0)).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void theSpeedFactorScalesTheOvenTime() {
        BakeRequest order = request(new BakeLine("sourdough", 1, 2400));

        assertThat(BakeTime.of(order, 0.01)).isEqualTo(Duration.ofSeconds(24));
        assertThat(BakeTime.of(order, 0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRequestWithoutLinesCannotBeBaked() {
        assertThatThrownBy(() -> BakeTime.of(request(), 1.0))
                .isInstanceOf(BakeTime.UnbakeableOrder.class)
                .hasMessageContaining("has no lines");
    }

    @Test
    void aLineWithoutQuantityOrWithNegativeBakeTimeCannotBeBaked() {
        assertThatThrownBy(() -> BakeTime.of(request(new BakeLine("croissant", 0, 900)), 1.0))
                .isInstanceOf(BakeTime.UnbakeableOrder.class)
                .hasMessageContaining("asks for 0 of croissant");
        assertThatThrownBy(() -> BakeTime.of(request(new BakeLine("croissant", 2, -5)), 1.0))
                .isInstanceOf(BakeTime.UnbakeableOrder.class)
                .hasMessageContaining("negative bake time");
    }
}
