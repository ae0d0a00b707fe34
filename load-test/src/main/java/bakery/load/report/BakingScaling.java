package bakery.load.report;

import java.util.List;

/** Baking throughput at 1, 2, 4, 12 ... instances with a fixed bake time, and how well it scales. */
public final class BakingScaling {

    private BakingScaling() {
    }

    /** {@code orders} baked by {@code instances} workers in {@code seconds}. */
    public record Run(int instances, int orders, double seconds) {
        double ordersPerSecond() {
            return seconds > 0 ? orders / seconds : 0;
        }
    }

    public record Step(int instances, int orders, double seconds, double ordersPerSecond, double efficiency) {
    }

    /**
     * The shortest time {@code slots} oven slots in all can bake {@code orders} orders of
     * {@code bakeSeconds} each: every slot busy from the first request to the last BakeFinished.
     */
    public static double fastestPossibleSeconds(int orders, double bakeSeconds, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("no oven slot to bake in");
        }
        return orders * bakeSeconds / slots;
    }

    /**
     * Refuses a run that finished faster than its ovens can bake: its orders were not baked for the
     * time they asked for (workers at another oven speed), or it timed events of other orders. The
     * figure would be wrong, and every efficiency computed from it with it; {@code slack} is the share
     * a measurement may fall under the bound by (timestamps in milliseconds, a slot freed early).
     *
     * @throws ImpossibleRun naming what was measured and what the ovens allow
     */
    public static void requirePossible(Run run, double bakeSeconds, int slots, double slack) {
        double fastest = fastestPossibleSeconds(run.orders(), bakeSeconds, slots);
        if (run.seconds() < fastest * (1 - slack)) {
            throw new ImpossibleRun(String.format(
                    "%d baking-worker(s): %d orders in %.1f s (%.2f orders/s) is faster than their %d oven slots can bake "
                            + "orders of %.1f s (at least %.1f s, at most %.2f orders/s)",
                    run.instances(), run.orders(), run.seconds(), run.ordersPerSecond(), slots, bakeSeconds, fastest,
                    run.orders() / fastest));
        }
    }

    /** A scaling run that cannot have happened as measured. */
    public static final class ImpossibleRun extends IllegalStateException {
        public ImpossibleRun(String message) {
            super(message);
        }
    }

    /**
     * Efficiency of each run: its throughput over (instances x one instance's throughput); 1.0 is
     * perfectly linear. The first run (the fewest instances) is the reference.
     */
    public static List<Step> of(List<Run> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        double perInstance = runs.get(0).ordersPerSecond() / runs.get(0).instances();
        return runs.stream().map(r -> new Step(r.instances(), r.orders(), r.seconds(), r.ordersPerSecond(),
                perInstance > 0 ? r.ordersPerSecond() / (r.instances() * perInstance) : 0)).toList();
    }

    /** The efficiency at the most instances, or null without runs. */
    public static Double atMostInstances(List<Step> steps) {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1).efficiency();
    }
}
