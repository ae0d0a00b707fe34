package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a new node's answers make the upgrade turn back. */
class ErrorRateTest {

    private static final double MARGIN = 0.02;
    private static final int MIN_REQUESTS = 20;

    @Test
    void aNewNodeFailingMoreOftenThanTheOldOnesBeyondTheMarginIsWorse() {
        ErrorRate old = new ErrorRate(1000, 5);

        assertThat(new ErrorRate(100, 10).worseThan(old, MARGIN, MIN_REQUESTS)).isTrue();
        assertThat(new ErrorRate(100, 2).worseThan(old, MARGIN, MIN_REQUESTS)).as("within the margin").isFalse();
    }

    @Test
    void aNewNodeFailingAsOftenAsTheOldOnesIsNotWorseEvenWhenBothFail() {
        ErrorRate old = new ErrorRate(1000, 300);

        assertThat(new ErrorRate(100, 30).worseThan(old, MARGIN, MIN_REQUESTS)).isFalse();
    }

    @Test
    void tooFewAnswersDecideNothing() {
        assertThat(new ErrorRate(19, 19).worseThan(ErrorRate.NONE, MARGIN, MIN_REQUESTS)).isFalse();
        assertThat(new ErrorRate(20, 19).worseThan(ErrorRate.NONE, MARGIN, MIN_REQUESTS)).isTrue();
    }

    @Test
    void aWindowCountsOnlyWhatHappenedInItAndARestartedCounterCountsNothing() {
        ErrorRate window = new ErrorRate(150, 12).since(new ErrorRate(100, 2));

        assertThat(window).isEqualTo(new ErrorRate(50, 10));
        assertThat(new ErrorRate(3, 0).since(new ErrorRate(100, 2))).isEqualTo(ErrorRate.NONE);
        assertThat(new ErrorRate(10, 1).plus(new ErrorRate(30, 2))).isEqualTo(new ErrorRate(40, 3));
    }
}
