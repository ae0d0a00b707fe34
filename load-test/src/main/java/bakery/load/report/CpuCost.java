package bakery.load.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an order costs in CPU, end to end, in the stack's own processes: the CPU they used from the first order of a fixed
 * load until every consumer group was back at lag 0, less what the same processes burn idle over as long, divided by the
 * orders. The unit the target is set in is one trivial GET through the same balancer, measured the same way in the same
 * run: milliseconds differ several-fold between machines, the ratio does not. Figures in ms of CPU unless named cores.
 */
public record CpuCost(
        double idleCores,
        Map<String, Double> idleCoresByProcess,
        long trivialGets,
        double trivialGetMs,
        long orders,
        double orderMs,
        Map<String, Double> orderMsByProcess,
        double orderInTrivialGets) {

    /** Both figures the ratio needs were measured: some orders, some trivial GETs. */
    public boolean measured() {
        return orders > 0 && trivialGetMs > 0;
    }

    /** CPU used per process ("web-tier", "postgres", ...) over a window of wall-clock time. */
    public record Window(double seconds, Map<String, Long> cpuMillis) {

        double cores(String process) {
            return seconds <= 0 ? 0 : cpuMillis.getOrDefault(process, 0L) / 1000.0 / seconds;
        }

        public double coresTotal() {
            return cpuMillis.keySet().stream().mapToDouble(this::cores).sum();
        }

        /** What a process used beyond its idle burn over this window, never below 0. */
        double beyondIdle(String process, Window idle) {
            return Math.max(0, cpuMillis.getOrDefault(process, 0L) - idle.cores(process) * seconds * 1000);
        }
    }

    /**
     * @param idle the stack doing nothing, just before
     * @param trivialGetRun the trivial GETs through the balancer, {@code trivialGets} of them
     * @param orderRun from the first order of the fixed load until every group was back at lag 0, {@code orders} placed
     */
    public static CpuCost of(Window idle, Window trivialGetRun, long trivialGets, Window orderRun, long orders) {
        Map<String, Double> idleByProcess = new TreeMap<>();
        idle.cpuMillis().keySet().forEach(p -> idleByProcess.put(p, idle.cores(p)));
        double getMs = trivialGets <= 0 ? 0
                : trivialGetRun.cpuMillis().keySet().stream().mapToDouble(p -> trivialGetRun.beyondIdle(p, idle)).sum()
                        / trivialGets;
        Map<String, Double> perOrder = new TreeMap<>();
        if (orders > 0) {
            orderRun.cpuMillis().keySet().forEach(p -> perOrder.put(p, orderRun.beyondIdle(p, idle) / orders));
        }
        double orderMs = perOrder.values().stream().mapToDouble(Double::doubleValue).sum();
        return new CpuCost(idle.coresTotal(), idleByProcess, trivialGets, getMs, orders, orderMs, perOrder,
                getMs > 0 ? orderMs / getMs : 0);
    }
}
