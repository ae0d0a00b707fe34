package bakery.stack.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;

/**
 * The instances a target needs, from a run's measured figures: per tier
 * {@code max(floor, ceil(R / (per instance x (1 - headroom))))}; the bakers by Little's law on the
 * real oven time ({@code R x T / slots}); Kafka's partitions and brokers from the records per order
 * and what the broker took; PostgreSQL's connections against its {@code max_connections}; and the
 * hourly cost at the price file's prices.
 */
public record Sizing(double targetPerMinute, double headroom, Map<String, Need> instances, Ovens ovens, Kafka kafka,
        Postgres postgres, Cost cost) {

    /** Instances of one service, and the arithmetic that gave them. */
    public record Need(int instances, String how) {
    }

    /**
     * The bakers: slots per baker, the mean bake time measured on the stack at its speed factor and
     * the real oven time it stands for, what one baker bakes at real oven times, and the slots a
     * baker needs when the bakers would outnumber the partitions.
     */
    public record Ovens(int slotsPerBaker, double measuredBakeSeconds, double speedFactor, double ovenSeconds,
            double perBakerOrdersPerSecond, int bakers, Integer slotsIfPartitionsBound, String arithmetic) {
    }

    /** The broker: what it took (records/s), the records an order writes, and what the target needs. */
    public record Kafka(double brokerRecordsPerSecond, double recordsPerOrder, double brokerOrdersPerSecond, int partitions,
            int partitionsNeeded, int brokers, String advice) {
    }

    /** The database: connections the order-services open against what it allows, and its commits per order. */
    public record Postgres(int maxConnections, int poolSize, int reservedConnections, int orderServicesBeforePooler,
            boolean needsPooler, double commitsPerOrder, double commitsPerSecondAtTarget, String advice) {
    }

    /** Per hour at the target, and a month of it around the clock (the most the target costs). */
    public record Cost(String currency, Map<String, BigDecimal> hourlyByService, BigDecimal hourly, BigDecimal monthly) {
    }

    /** What the sizing needs besides the tiers: the measured figures and the settings that frame them. */
    public record Inputs(double targetPerMinute, double headroom, int minInstances, int partitions, int slotsPerBaker,
            double measuredBakeSeconds, double speedFactor, double brokerRecordsPerSecond, double recordsPerOrder,
            int minBrokers, int maxConnections, int poolSize, int reservedConnections, int surge, double commitsPerOrder,
            double hoursPerMonth) {
    }

    public static Sizing of(List<TierCapacity> tiers, Inputs in, ScalingPolicy policy, Prices prices) {
        double r = in.targetPerMinute() / 60;
        double usable = 1 - in.headroom();
        Map<String, Need> needs = new LinkedHashMap<>();
        for (String service : Tier.ALL) {
            if (!service.equals(Tier.BAKERS)) {
                needs.put(service, tiers.stream().filter(t -> t.service().equals(service)).findFirst()
                        .map(t -> need(r, usable, in.minInstances(), t))
                        .orElse(new Need(in.minInstances(), "not measured: the run did not step it")));
            }
        }
        double ovenSeconds = in.measuredBakeSeconds() / in.speedFactor();
        double perBaker = ovenSeconds > 0 ? in.slotsPerBaker() / ovenSeconds : 0;
        int bakers = perBaker > 0 ? Math.max(in.minInstances(), (int) Math.ceil(r / (perBaker * usable))) : in.minInstances();
        Integer slots = bakers > in.partitions()
                ? (int) Math.ceil(r * ovenSeconds / (in.partitions() * usable))
                : null;
        String arithmetic = String.format(
                "%.2f orders/s x %.1f s in the oven = %.1f orders baking at once; / (%d slots x %.2f) = %d bakers", r,
                ovenSeconds, r * ovenSeconds, in.slotsPerBaker(), usable, bakers)
                + (slots != null
                        ? String.format("; more than %d partitions: keep %d bakers with %d oven slots each", in.partitions(),
                                in.partitions(), slots)
                        : "");
        Ovens ovens = new Ovens(in.slotsPerBaker(), in.measuredBakeSeconds(), in.speedFactor(), ovenSeconds, perBaker,
                slots != null ? in.partitions() : bakers, slots, arithmetic);
        needs.put(Tier.BAKERS, new Need(ovens.bakers(), arithmetic));

        int consumers = needs.entrySet().stream().filter(e -> !e.getKey().equals(Tier.WEB))
                .mapToInt(e -> e.getValue().instances()).max().orElse(1);
        int partitionsNeeded = Math.max(in.partitions(), consumers);
        double recordsPerSecond = r * in.recordsPerOrder();
        double brokerOrders = in.recordsPerOrder() > 0 ? in.brokerRecordsPerSecond() * usable / in.recordsPerOrder() : 0;
        int brokers = Math.max(in.minBrokers(),
                in.brokerRecordsPerSecond() > 0 ? (int) Math.ceil(recordsPerSecond / (in.brokerRecordsPerSecond() * usable))
                        : in.minBrokers());
        Kafka kafka = new Kafka(in.brokerRecordsPerSecond(), in.recordsPerOrder(), brokerOrders, in.partitions(),
                partitionsNeeded,
                brokers, String.format(
                        "%.0f records/s at the target (%.1f per order); one broker took %.0f records/s, %.0f orders/s with "
                                + "headroom; %d brokers (replication needs %d); %s",
                        recordsPerSecond, in.recordsPerOrder(), in.brokerRecordsPerSecond(), brokerOrders, brokers,
                        in.minBrokers(),
                        partitionsNeeded > in.partitions()
                                ? "raise the partitions to " + partitionsNeeded + " (a consumer beyond them idles)"
                                : in.partitions() + " partitions suffice"));

        int orderServices = needs.get(Tier.ORDERS).instances();
        int beforePooler = in.poolSize() > 0 ? (in.maxConnections() - in.reservedConnections()) / in.poolSize() - in.surge()
                : 0;
        boolean pooler = orderServices > beforePooler;
        double commits = r * in.commitsPerOrder();
        Postgres postgres = new Postgres(in.maxConnections(), in.poolSize(), in.reservedConnections(), beforePooler, pooler,
                in.commitsPerOrder(), commits,
                String.format(
                        "%d order-services x %d connections (+%d during a rollout) of max_connections %d (%d reserved): %s; "
                                + "%.0f commits/s at the target (%.1f per order); a replica adds failover, not write capacity",
                        orderServices, in.poolSize(), in.surge() * in.poolSize(), in.maxConnections(),
                        in.reservedConnections(),
                        pooler ? "put a pooler (PgBouncer) in front, beyond " + beforePooler + " order-services"
                                : "fits without a pooler up to " + beforePooler + " order-services",
                        commits, in.commitsPerOrder()));

        Map<String, BigDecimal> hourly = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (var e : needs.entrySet()) {
            BigDecimal cost = prices.hourly(policy.service(e.getKey())).multiply(BigDecimal.valueOf(e.getValue().instances()));
            hourly.put(e.getKey(), money(cost));
            total = total.add(cost);
        }
        Cost cost = new Cost(prices.currency(), hourly, money(total),
                money(total.multiply(BigDecimal.valueOf(in.hoursPerMonth()))));
        return new Sizing(in.targetPerMinute(), in.headroom(), needs, ovens, kafka, postgres, cost);
    }

    private static Need need(double r, double usable, int floor, TierCapacity t) {
        if (t.perInstance() == null || t.perInstance() <= 0) {
            return new Need(floor, "not measured: its level broke at the first step (" + t.limit() + "); start lower");
        }
        int n = Math.max(floor, (int) Math.ceil(r / (t.perInstance() * usable)));
        return new Need(n, String.format("max(%d, ceil(%.2f / (%.2f x %.2f)))%s", floor, r, t.perInstance(), usable,
                t.bounded() ? "" : ", at most: it held at every step"));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
