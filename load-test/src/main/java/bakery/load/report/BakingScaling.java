package bakery.load.report;

import java.util.List;

/** Baking throughput at 1, 2, 4 ... instances with a fixed bake time, and how well it scales. */
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
