package bakery.load.report;

import bakery.load.flow.OrderTimes;

/**
 * Checkout at half the capacity the same run measured, as an open model: customers arrive at a fixed rate whether or not
 * earlier ones are served, so a slow bakery shows as latency rather than as fewer arrivals. The load a bakery should
 * carry with room to spare; the target is how soon the order-service accepts its orders. Rates per second, times in ms;
 * {@code checkout} is Gatling's figure for the phase's checkout request, null when its report has none.
 */
public record HalfCapacity(
        double capacityPerSecond,
        double askedPerSecond,
        double achievedPerSecond,
        long seconds,
        int orders,
        Percentiles placedToAccepted,
        int notAccepted,
        GatlingStats.RequestStats checkout,
        String gatlingReport) {

    /** The share of the measured checkout capacity the phase asks for. */
    public static final double SHARE = 0.5;

    /** The arrival rate for a measured capacity: 0 when there is none to take half of. */
    public static double rateFor(double capacityPerSecond) {
        return Math.max(0, capacityPerSecond * SHARE);
    }

    /**
     * @param times the flow of the orders placed during the phase (from the topics)
     * @param checkout Gatling's checkout request of the phase; its OK count over the phase's length is the rate achieved
     */
    public static HalfCapacity of(double capacityPerSecond, long seconds, OrderTimes times, GatlingStats.RequestStats checkout,
            String gatlingReport) {
        double achieved = checkout == null || seconds <= 0 ? 0 : checkout.ok() / (double) seconds;
        return new HalfCapacity(capacityPerSecond, rateFor(capacityPerSecond), achieved, seconds, times.placed(),
                times.placedToAccepted(), times.notAccepted(), checkout, gatlingReport);
    }
}
