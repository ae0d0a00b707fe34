package bakery.web.limits;

import java.time.Duration;

/** How long a refused client should wait, in whole seconds as the {@code Retry-After} header counts (at least one). */
public record RetryAfter(long seconds) {

    public static RetryAfter ofMillis(long millis) {
        return new RetryAfter(Math.max(1, (millis + 999) / 1000));
    }

    public static RetryAfter of(Duration wait) {
        return ofMillis(wait.toMillis());
    }

    /** "12 seconds", "3 minutes": for the sentence a person reads. */
    public String inWords() {
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
