package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import bakery.load.flow.OrderTimes;

class HalfCapacityTest {

    /**
     * Half of 500 checkouts/s for 30 s: 7,470 checkouts OK, the orders accepted after {@code acceptedMillis}, and
     * {@code notAccepted} more never accepted.
     */
    static HalfCapacity measured(List<Long> acceptedMillis, int notAccepted) {
        int placed = acceptedMillis.size() + notAccepted;
        OrderTimes times = new OrderTimes(placed, Percentiles.of(acceptedMillis), Percentiles.NONE, notAccepted, placed);
        return HalfCapacity.of(500, 30, times,
                new GatlingStats.RequestStats(RequestNames.HALF_CAPACITY_CHECKOUT, 7_470, 3, 6, 12, 20, 41, 248.5),
                "target/gatling-half-capacity/run-2");
    }

    @Test
    void asksForHalfTheMeasuredCapacityAndReadsTheRateAchievedFromTheOkCheckouts() {
        HalfCapacity half = measured(List.of(8L, 9L, 12L), 0);

        assertThat(half.capacityPerSecond()).isEqualTo(500);
        assertThat(half.askedPerSecond()).isEqualTo(250);
        assertThat(half.achievedPerSecond()).isEqualTo(249);
        assertThat(half.orders()).isEqualTo(3);
        assertThat(half.placedToAccepted().p99()).isEqualTo(12);
        assertThat(half.checkout().p99()).isEqualTo(20);
    }

    @Test
    void noCapacityMeansNoRateToAskFor() {
        assertThat(HalfCapacity.rateFor(0)).isZero();
        assertThat(HalfCapacity.rateFor(-1)).isZero();
        assertThat(HalfCapacity.rateFor(37)).isEqualTo(18.5);
    }

    @Test
    void withoutGatlingsCheckoutFigureNoRateIsClaimed() {
        OrderTimes times = new OrderTimes(0, Percentiles.NONE, Percentiles.NONE, 0, 0);
        assertThat(HalfCapacity.of(500, 30, times, null, "-").achievedPerSecond()).isZero();
    }
}
