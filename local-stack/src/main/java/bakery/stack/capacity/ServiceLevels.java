package bakery.stack.capacity;

import java.time.Duration;

import bakery.stack.process.StackSettings;

/**
 * What a customer and the ovens must still get while the load rises: a checkout answered within
 * {@code checkoutP99} for 99 in 100 customers; an order ready within its own oven time plus
 * {@code beyondOven}; and no consumer group falling behind: its lag at the end of a step no more
 * than {@code lagTolerance} records above where the step found it.
 */
public record ServiceLevels(Duration checkoutP99, Duration beyondOven, long lagTolerance) {

    public static ServiceLevels of(StackSettings s) {
        return new ServiceLevels(s.duration("capacity.checkout-p99"), s.duration("capacity.beyond-oven"),
                s.number("capacity.lag-tolerance"));
    }

    public String describe() {
        return String.format("checkout p99 <= %d ms, placed -> ready within the oven time + %d s, lag not growing (by more "
                + "than %d records in a step)", checkoutP99.toMillis(), beyondOven.toSeconds(), lagTolerance);
    }
}
