package bakery.load.report;

import java.time.Instant;
import java.util.List;

import bakery.load.flow.OrderTimes;

/**
 * One benchmark run, as written to {@code summary.json} and {@code summary.md}. Rates per second,
 * times in milliseconds unless the name says otherwise, memory in MB. {@code cpu} (and its headline
 * {@code cpuPerOrderInTrivialGets}) is null when the run did not measure CPU (no /proc); {@code halfCapacity} is null
 * when the run did not measure it (no capacity figure, or a stack that did not get back to idle in time).
 */
public record BenchSummary(
        Instant startedAt,
        String balancer,
        double checkoutPerSecond,
        double trivialGetPerSecond,
        double checkoutRatio,
        Double cpuPerOrderInTrivialGets,
        Conditions conditions,
        Baselines baselines,
        CpuCost cpu,
        GatlingStats.RequestStats allRequests,
        List<GatlingStats.RequestStats> requests,
        OrderTimes orderTimes,
        HalfCapacity halfCapacity,
        List<GroupLag> consumerLag,
        List<NodeMemory> nodes,
        List<NodeStart> nodeStarts,
        List<BakingScaling.Step> bakingScaling,
        Double bakingScalingEfficiency,
        List<Target> targets,
        String gatlingReport) {

    /**
     * What the figures depend on besides the bakery: how long the stack had been up (young JVMs are
     * still compiling), how fast the ovens bake, which nodes ran, how busy the machine was, and whether
     * it was a short run ({@code --short}), whose figures are no measurement.
     */
    public record Conditions(long stackUpSeconds, String ovenSpeedFactor, List<String> nodes, int cores, double loadAverage,
            boolean shortRun) {
    }

    /** The limits the bakery is compared with, measured in the same run on the same machine. */
    public record Baselines(double trivialGetPerSecond, String trivialGetCommand,
            double kafkaRecordsPerSecond, int kafkaRecordBytes, String kafkaCommand,
            double redisSetPerSecond, double redisGetPerSecond, String redisCommand) {
    }

    /**
     * A consumer group's highest lag on one topic ("group / topic") during the run, and how long after the load stopped it was
     * back at 0 (null: not within the wait).
     */
    public record GroupLag(String group, long maxLag, Double secondsToDrain) {
    }

    public record NodeMemory(String node, String service, long maxRssMb) {
    }

    /**
     * A node added to the running stack: seconds from launch until its readiness probe said UP, and
     * Quarkus' own figure from its log ("started in 1.234s", null if not found), which leaves out the
     * JVM's launch.
     */
    public record NodeStart(String node, double seconds, Double quarkusSeconds) {
    }

    /** A speed target, what was measured, and whether the run met it. */
    public record Target(String what, String goal, String measured, boolean met) {
    }

    /** checkout/s over the other limits: the higher, the closer the bakery runs to its servers. */
    public double ratio(double baseline) {
        return baseline <= 0 ? 0 : checkoutPerSecond / baseline;
    }
}
