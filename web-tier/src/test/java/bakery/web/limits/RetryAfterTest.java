package bakery.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void aWaitIsRoundedUpToWholeSecondsAndNeverZero() {
        assertThat(RetryAfter.ofMillis(1).seconds()).isEqualTo(1);
        assertThat(RetryAfter.ofMillis(1001).seconds()).isEqualTo(2);
        assertThat(RetryAfter.ofMillis(0).seconds()).isEqualTo(1);
    }

    @Test
    void longWaitsReadInMinutes() {
        assertThat(RetryAfter.ofMillis(45_000).inWords()).isEqualTo("45 seconds");
        assertThat(RetryAfter.ofMillis(90_000).inWords()).isEqualTo("90 seconds");
        assertThat(RetryAfter.ofMillis(15 * 60_000).inWords()).isEqualTo("15 minutes");
    }
}
