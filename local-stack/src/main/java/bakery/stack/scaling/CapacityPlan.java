package bakery.stack.scaling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.ServicePolicy;

/**
 * What the capacity policy gives and what it costs: the instances per service at a moment (and why),
 * and a month's instance-hours per service, priced with the price file. Counts are the calendar's floors;
 * a signal (lag, CPU) adds instances on top while work waits, so the cost is the least the month costs.
 */
public record CapacityPlan(ScalingPolicy policy, Prices prices) {

    /** The instances at one moment, the month's cost around it. */
    public Moment at(Instant at) {
        ZonedDateTime local = at.atZone(policy.timezone());
        Map<String, Count> instances = new LinkedHashMap<>();
        BigDecimal hourly = BigDecimal.ZERO;
        for (ScalingPolicy.Floor floor : policy.floorsAt(at).values()) {
            ServicePolicy service = policy.service(floor.service());
            instances.put(floor.service(),
                    new Count(floor.instances(), floor.reason(), service.signal().describe(service.max())));
            hourly = hourly.add(prices.hourly(service).multiply(BigDecimal.valueOf(floor.instances())));
        }
        return new Moment(local.toOffsetDateTime().toString(), policy.timezone().getId(), instances, money(hourly),
                month(YearMonth.from(local)).monthlyCost(), prices.currency());
    }

    /** A month's instance-hours and cost per service, in the policy's time zone. */
    public Month month(YearMonth month) {
        Map<String, Hours> instances = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (var hours : policy.instanceHours(month).entrySet()) {
            BigDecimal cost = prices.hourly(policy.service(hours.getKey())).multiply(BigDecimal.valueOf(hours.getValue()));
            instances.put(hours.getKey(), new Hours(hours.getValue(), money(cost)));
            total = total.add(cost);
        }
        return new Month(month.toString(), policy.timezone().getId(), instances, money(total), prices.currency());
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code --plan}: per service the count, the rule that set it and the signal that may add to it. */
    public record Moment(String at, String timezone, Map<String, Count> instances, BigDecimal hourlyCost,
            BigDecimal monthlyCost, String currency) {

        public String text() {
            StringBuilder out = new StringBuilder("At " + at + " (" + timezone + "):\n");
            instances.forEach((service, c) -> out.append(String.format("  %-20s %3d  %s; signal: %s%n", service, c.count(),
                    c.rule(), c.signal())));
            out.append(String.format("Cost: %s %s per hour now; %s %s for the month at the policy's floors%n", hourlyCost,
                    currency, monthlyCost, currency));
            return out.toString();
        }
    }

    public record Count(int count, String rule, String signal) {
    }

    /** {@code --month}: per service the instance-hours and their cost. */
    public record Month(String month, String timezone, Map<String, Hours> instances, BigDecimal monthlyCost,
            String currency) {

        public String text() {
            StringBuilder out = new StringBuilder("Month " + month + " (" + timezone + "), at the policy's floors:\n");
            instances.forEach((service, h) -> out.append(String.format("  %-20s %8.1f instance-hours  %10s %s%n", service,
                    h.instanceHours(), h.cost(), currency)));
            out.append(String.format("Monthly cost: %s %s (signals add instances while work waits)%n", monthlyCost, currency));
            return out.toString();
        }
    }

    public record Hours(double instanceHours, BigDecimal cost) {
    }
}
