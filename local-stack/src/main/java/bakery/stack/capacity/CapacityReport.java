package bakery.stack.capacity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sizing run's findings ({@code capacity.json} and {@code capacity.md}): where it ran, the levels
 * it held the stack to, every step as measured, what one instance of each tier carried, and what a
 * target needs and costs.
 */
public record CapacityReport(String at, Machine machine, Conditions conditions, ServiceLevels levels, List<LoadStep> steps,
        List<TierCapacity> tiers, Sizing sizing) {

    /** How the stack ran: for how long already, its nodes per service, its oven speed, how long each step lasted. */
    public record Conditions(long stackUpSeconds, Map<String, Integer> instances, double ovenSpeedFactor, double stepSeconds,
            boolean shortRun) {
    }

    /** What the command prints: the tiers, and the instances and cost for the target. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Per instance, while %s:%n", levels.describe()));
        for (TierCapacity t : tiers) {
            out.append(String.format("  %-20s %s  (%d running; %s)%n", t.service(), perInstance(t), t.instances(), t.limit()));
        }
        out.append(String.format("For %.0f orders/min (%.0f%% headroom):%n", sizing.targetPerMinute(),
                sizing.headroom() * 100));
        sizing.instances().forEach((service, need) -> out
                .append(String.format("  %-20s %3d  %s%n", service, need.instances(), need.how())));
        out.append("  Kafka       ").append(sizing.kafka().advice()).append('\n');
        out.append("  PostgreSQL  ").append(sizing.postgres().advice()).append('\n');
        out.append(String.format("Cost: %s %s per hour at the target, %s %s for a month of it around the clock%n",
                sizing.cost().hourly(), sizing.cost().currency(), sizing.cost().monthly(), sizing.cost().currency()));
        return out.toString();
    }

    /** The same as a page: the tables docs/capacity.md carries. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(at).append(" by `./bakery capacity")
                .append(conditions.shortRun() ? " --short" : "")
                .append(String.format(" --target %.0f/min`", sizing.targetPerMinute()))
                .append(" on ").append(machine.describe()).append(". Stack up ")
                .append(conditions.stackUpSeconds()).append(" s, nodes ")
                .append(conditions.instances().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")))
                .append(String.format(", OVEN_SPEED_FACTOR %s, steps of %.0f s. ", conditions.ovenSpeedFactor(),
                        conditions.stepSeconds()))
                .append("Service levels: ").append(levels.describe()).append(".\n\n");
        md.append("| step: asked orders/s | accepted orders/s | orders | checkout p99 ms | beyond oven p99 ms | not ready |"
                + " lag rise (orders / bakers / notifiers) | broke |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (LoadStep s : steps) {
            md.append(String.format("| %.1f | %.2f | %d | %d | %d | %d | %d / %d / %d | %s |%n", s.askedPerSecond(),
                    s.ordersPerSecond(), s.orders(), s.checkoutP99Millis(), s.beyondOvenP99Millis(), s.notReady(),
                    s.lagRise().getOrDefault(Tier.ORDERS, 0L), s.lagRise().getOrDefault(Tier.BAKERS, 0L),
                    s.lagRise().getOrDefault(Tier.NOTIFIERS, 0L),
                    s.reasons().isEmpty() ? "–" : String.join("; ", s.reasons().values())));
        }
        md.append("\n| tier | running | one instance carries (orders/s) | bound by |\n| --- | ---: | ---: | --- |\n");
        for (TierCapacity t : tiers) {
            md.append(String.format("| %s | %d | %s | %s |%n", t.service(), t.instances(), perInstance(t), t.limit()));
        }
        Sizing.Ovens o = sizing.ovens();
        md.append(String.format(
                "%nOvens: %d slots per baker; a bake took %.2f s on average at OVEN_SPEED_FACTOR %s, %.1f s of real oven time:"
                        + " one baker bakes %.3f orders/s (%.1f/min) at real oven times.%n",
                o.slotsPerBaker(), o.measuredBakeSeconds(), o.speedFactor(), o.ovenSeconds(), o.perBakerOrdersPerSecond(),
                o.perBakerOrdersPerSecond() * 60));
        md.append(String.format("%n**For %.0f orders/min** (%.1f/s, %.0f%% headroom):%n%n| service | instances | how |%n"
                + "| --- | ---: | --- |%n", sizing.targetPerMinute(), sizing.targetPerMinute() / 60, sizing.headroom() * 100));
        sizing.instances().forEach((service, need) -> md.append(String.format("| %s | %d | %s |%n", service,
                need.instances(), need.how())));
        md.append("\n- Kafka: ").append(sizing.kafka().advice()).append(".\n");
        md.append("- PostgreSQL: ").append(sizing.postgres().advice()).append(".\n");
        md.append(String.format("- Cost (deploy/prices.yaml): %s %s per hour at the target; %s %s for a month of it around "
                + "the clock.%n", sizing.cost().hourly(), sizing.cost().currency(), sizing.cost().monthly(),
                sizing.cost().currency()));
        return md.toString();
    }

    private static String perInstance(TierCapacity t) {
        if (t.perInstance() == null) {
            return "not measured";
        }
        return String.format("%s%.2f", t.bounded() ? "" : "≥ ", t.perInstance());
    }
}
