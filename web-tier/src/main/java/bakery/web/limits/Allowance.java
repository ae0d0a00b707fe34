package bakery.web.limits;

import java.time.Duration;

/**
 * One bucket of a limit: who it counts ({@code key} in Redis, e.g. {@code limit:checkouts:address:203.0.113.7}),
 * how many requests fit in {@code period}, and what this request costs (0: only look).
 */
public record Allowance(String key, int count, Duration period, int cost) {

    /** Milliseconds between two requests once the burst is spent; at least one. */
    long intervalMillis() {
        return Math.max(1, period.toMillis() / count);
    }

    public Allowance lookOnly() {
        return new Allowance(key, count, period, 0);
    }
}
