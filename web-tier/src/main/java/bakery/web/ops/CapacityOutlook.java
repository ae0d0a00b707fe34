package bakery.web.ops;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.ServicePolicy;

/**
 * What the capacity policy (deploy/scaling.yaml, shipped in the contracts jar) gives each service now, what that
 * costs with the shipped prices, and the policy's next change, for the ops console beside the live counts.
 */
@Singleton
@Startup // the two files are read and checked as the node starts, never on a request's event loop
public class CapacityOutlook {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ScalingPolicy policy;
    private final Prices prices;
    private final Duration horizon;
    /** A month's cost only changes with the files: counted once per month asked for. */
    private final Map<YearMonth, BigDecimal> monthly = new ConcurrentHashMap<>();
    /** The policy's next change cannot move before it comes: found once, then reused until then. */
    private volatile NextChange next;

    @Inject
    public CapacityOutlook(OpsConfig config) {
        this(ScalingPolicy.shipped(), Prices.shipped(), config.capacityHorizon());
    }

    public CapacityOutlook(ScalingPolicy policy, Prices prices, Duration horizon) {
        this.policy = policy;
        this.prices = prices;
        this.horizon = horizon;
    }

    public View at(Instant now) {
        List<Line> lines = new ArrayList<>();
        BigDecimal hourly = BigDecimal.ZERO;
        for (ScalingPolicy.Floor floor : policy.floorsAt(now).values()) {
            ServicePolicy service = policy.service(floor.service());
            BigDecimal cost = prices.hourly(service).multiply(BigDecimal.valueOf(floor.instances()));
            hourly = hourly.add(cost);
            lines.add(new Line(floor.service(), floor.instances(), service.max(), floor.reason(),
                    service.signal().describe(service.max())));
        }
        YearMonth month = YearMonth.from(now.atZone(policy.timezone()));
        BigDecimal monthCost = monthly.computeIfAbsent(month, this::costOf);
        String next = nextChange(now).map(change -> change.floors().values().stream()
                .map(f -> f.instances() + " " + f.service()).collect(Collectors.joining(", "))
                + " from " + WHEN.format(change.at()) + " (" + change.floors().values().iterator().next().reason() + ")")
                .orElse("none within " + horizon.toDays() + " days");
        return new View(lines, money(hourly), money(monthCost), prices.currency(), next, policy.timezone().getId());
    }

    private Optional<ScalingPolicy.Change> nextChange(Instant now) {
        NextChange known = next;
        if (known == null || now.isBefore(known.found()) || !now.isBefore(known.validUntil())) {
            Optional<ScalingPolicy.Change> change = policy.nextChange(now, horizon);
            // With none within the horizon, look again an hour on, as the horizon moves.
            known = new NextChange(now, change.map(c -> c.at().toInstant()).orElse(now.plus(Duration.ofHours(1))), change);
            next = known;
        }
        return known.change();
    }

    private record NextChange(Instant found, Instant validUntil, Optional<ScalingPolicy.Change> change) {
    }

    private BigDecimal costOf(YearMonth month) {
        BigDecimal total = BigDecimal.ZERO;
        for (var hours : policy.instanceHours(month).entrySet()) {
            total = total.add(prices.hourly(policy.service(hours.getKey())).multiply(BigDecimal.valueOf(hours.getValue())));
        }
        return total;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** One service: the policy's count now and why, its max and signal. */
    public record Line(String service, int instances, int max, String rule, String signal) {
    }

    public record View(List<Line> services, String hourlyCost, String monthlyCost, String currency, String nextChange,
            String timezone) {
    }
}
