package bakery.stack.orchestration;

import java.time.Duration;
import java.util.OptionalDouble;

import bakery.stack.figures.KeyFigures;

/**
 * How fast the chaos shoppers may place orders: a share of what the stack's ovens bake, slots x
 * bakers / mean bake time. The mean bake time is measured (what came out of the running bakers'
 * ovens so far, at the speed they run at); before any bake, the catalog's mean at this shell's
 * OVEN_SPEED_FACTOR (the one the nodes a scenario starts inherit). The share leaves the ovens room
 * to work off what piles up while a scenario breaks things.
 */
public record OrderPace(int bakers, int slots, double bakeSeconds, String bakeTimeSource, double ovenShare, int shoppers) {

    public static OrderPace of(KeyFigures.Ovens ovens, OptionalDouble catalogBakeSeconds, double speedFactor, double ovenShare,
            int shoppers) {
        if (ovens.bakers() == 0 || ovens.slots() == 0) {
            throw new StackException("no baking-worker answered with its oven slots: a chaos run would only queue orders "
                    + "(./bakery scale baking-worker=2)");
        }
        OptionalDouble measured = ovens.meanBakeSeconds();
        if (measured.isPresent() && measured.getAsDouble() > 0) {
            return new OrderPace(ovens.bakers(), ovens.slots(), measured.getAsDouble(),
                    "measured over " + ovens.bakes() + " bakes", ovenShare, shoppers);
        }
        if (catalogBakeSeconds.isEmpty()) {
            throw new StackException("neither the bakers nor the catalog tell how long an order bakes; is PostgreSQL up?");
        }
        return new OrderPace(ovens.bakers(), ovens.slots(), catalogBakeSeconds.getAsDouble() * speedFactor,
                "the catalog's mean at OVEN_SPEED_FACTOR " + speedFactor + ", nothing baked yet", ovenShare, shoppers);
    }

    /** The OVEN_SPEED_FACTOR a node started from this shell bakes at (1.0 when unset: real bake times). */
    public static double speedFactor(String value) {
        return value == null || value.isBlank() ? 1.0 : Double.parseDouble(value);
    }

    /** What the ovens bake per second when every slot is busy. */
    public double ovensPerSecond() {
        return slots / bakeSeconds;
    }

    /** What the shoppers place per second at most. */
    public double ordersPerSecond() {
        return ovensPerSecond() * ovenShare;
    }

    /** Each shopper places at most one order per this interval. */
    public Duration shopperInterval() {
        return Duration.ofMillis(Math.round(shoppers / ordersPerSecond() * 1000));
    }

    public String describe() {
        return String.format("ovens: %d baker(s), %d slots, %.2f s per order (%s) = %.2f orders/s; "
                + "the %d shoppers place at most %.2f orders/s (chaos.oven-share %.2f), one each every %.1f s at most",
                bakers, slots, bakeSeconds, bakeTimeSource, ovensPerSecond(), shoppers, ordersPerSecond(), ovenShare,
                shopperInterval().toMillis() / 1000.0);
    }
}
