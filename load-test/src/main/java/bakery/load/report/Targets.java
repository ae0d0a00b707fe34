package bakery.load.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import bakery.load.report.BenchSummary.Target;

/** The bakery's speed targets, checked against a run's figures: reported, never asserted by a build. */
public final class Targets {

    public static final double CHECKOUT_RATIO = 0.06;
    public static final double ORDER_SERVICE_DRAIN_SECONDS = 1;
    /** Placed to accepted at half the measured checkout capacity, p99. */
    public static final long HALF_CAPACITY_PLACED_TO_ACCEPTED_P99_MS = 50;
    /** An order, end to end, costs at most the CPU of this many trivial GETs through the balancer. */
    public static final double CPU_PER_ORDER_IN_TRIVIAL_GETS = 25;
    /** The whole stack doing nothing: no busy polling, sweeps and heartbeats sized to need. */
    public static final double IDLE_CORES = 0.05;
    public static final double SCALING_EFFICIENCY = 0.9;
    public static final long RSS_MB = 200;
    public static final double START_SECONDS = 2;
    /** The order-service's intake of checkouts (group / topic, as the lag is reported). */
    public static final String ORDER_SERVICE_INTAKE = "order-service / orders.placed";

    private Targets() {
    }

    public static List<Target> check(double checkoutRatio, List<BenchSummary.GroupLag> lag, Double scalingEfficiency,
            List<BenchSummary.NodeMemory> nodes, List<BenchSummary.NodeStart> starts, CpuCost cpu, HalfCapacity halfCapacity) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("CPU per order, end to end, in trivial GETs through the same balancer",
                "<= " + format(CPU_PER_ORDER_IN_TRIVIAL_GETS),
                cpu == null || !cpu.measured() ? "not measured"
                        : format(cpu.orderInTrivialGets()) + " (" + format(cpu.orderMs()) + " ms / "
                                + format(cpu.trivialGetMs())
                                + " ms)",
                cpu != null && cpu.measured() && cpu.orderInTrivialGets() <= CPU_PER_ORDER_IN_TRIVIAL_GETS));
        targets.add(new Target("idle burn of the whole stack", "<= " + format(IDLE_CORES) + " cores",
                cpu == null ? "not measured" : format(cpu.idleCores()) + " cores",
                cpu != null && cpu.idleCores() <= IDLE_CORES));
        targets.add(new Target("checkout rate / trivial GET rate through the same balancer", ">= " + CHECKOUT_RATIO,
                format(checkoutRatio), checkoutRatio >= CHECKOUT_RATIO));
        BenchSummary.GroupLag orders = lag.stream().filter(l -> l.group().equals(ORDER_SERVICE_INTAKE)).findFirst()
                .orElse(null);
        targets.add(new Target("order-service lag back to 0 after the load stops",
                "<= " + format(ORDER_SERVICE_DRAIN_SECONDS) + " s",
                orders == null ? "no lag of " + ORDER_SERVICE_INTAKE
                        : orders.secondsToDrain() == null ? "not drained" : format(orders.secondsToDrain()) + " s",
                orders != null && orders.secondsToDrain() != null && orders.secondsToDrain() <= ORDER_SERVICE_DRAIN_SECONDS));
        targets.add(halfCapacity(halfCapacity));
        targets.add(new Target("baking scaling efficiency at the most instances", ">= " + SCALING_EFFICIENCY,
                scalingEfficiency == null ? "not measured" : format(scalingEfficiency),
                scalingEfficiency != null && scalingEfficiency >= SCALING_EFFICIENCY));
        long maxRss = nodes.stream().mapToLong(BenchSummary.NodeMemory::maxRssMb).max().orElse(0);
        String heaviest = nodes.stream().filter(n -> n.maxRssMb() == maxRss).map(BenchSummary.NodeMemory::node).findFirst()
                .orElse("-");
        targets.add(new Target("RSS per service node under load", "<= " + RSS_MB + " MB",
                nodes.isEmpty() ? "not measured" : maxRss + " MB (" + heaviest + ")", !nodes.isEmpty() && maxRss <= RSS_MB));
        double slowest = starts.stream().mapToDouble(BenchSummary.NodeStart::seconds).max().orElse(-1);
        targets.add(new Target("node start to ready", "<= " + format(START_SECONDS) + " s",
                starts.isEmpty() ? "not measured" : format(slowest) + " s (slowest of " + starts.size() + ")",
                !starts.isEmpty() && slowest <= START_SECONDS));
        return targets;
    }

    /**
     * The p99 is over the accepted orders: one the order-service never accepted would be slower than any of them, so the
     * target is met only when every order of the phase was accepted.
     */
    private static Target halfCapacity(HalfCapacity h) {
        String goal = "<= " + HALF_CAPACITY_PLACED_TO_ACCEPTED_P99_MS + " ms";
        String what = "placed → accepted p99 at half the measured checkout capacity";
        if (h == null || h.placedToAccepted().count() == 0) {
            return new Target(what, goal, h == null ? "not measured" : "no order accepted of " + h.orders(), false);
        }
        long p99 = h.placedToAccepted().p99();
        String measured = p99 + " ms (" + h.orders() + " orders, " + format(h.achievedPerSecond()) + "/s of "
                + format(h.askedPerSecond()) + "/s asked"
                + (h.notAccepted() > 0 ? ", " + h.notAccepted() + " not accepted" : "")
                + ")";
        return new Target(what, goal, measured, h.notAccepted() == 0 && p99 <= HALF_CAPACITY_PLACED_TO_ACCEPTED_P99_MS);
    }

    static String format(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
