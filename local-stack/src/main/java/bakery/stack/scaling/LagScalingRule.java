package bakery.stack.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many instances a consumer group should have, from its lag: the rule of KEDA's Kafka scaler
 * under the HPA, so the local autoscaler and the ScaledObjects in deploy/ behave alike (the numbers
 * come from deploy/scaling.properties, which the ScaledObjects carry too).
 * <ul>
 * <li>desired = ceil(totalLag / lagThreshold), clamped to [min, min(max, partitions)]: a consumer
 * beyond the partition count would sit idle;</li>
 * <li>scale up at once; scale down only to the highest count recommended within the cooldown (the
 * HPA's scale-down stabilisation window), so a short dip in lag does not shed nodes that are needed
 * again a moment later.</li>
 * </ul>
 * Pure: the caller brings the clock, the lag and the partition count.
 */
public final class LagScalingRule {

    private final long lagThreshold;
    private final int min;
    private final int max;
    private final Duration cooldown;
    private final Deque<Recommendation> recent = new ArrayDeque<>();

    public LagScalingRule(long lagThreshold, int min, int max, Duration cooldown) {
        if (lagThreshold < 1 || min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException("need lagThreshold >= 1 and 0 <= min <= max, max >= 1");
        }
        this.lagThreshold = lagThreshold;
        this.min = min;
        this.max = max;
        this.cooldown = cooldown;
    }

    /** The count the lag alone asks for, before any cooldown. */
    public int recommended(long totalLag, int partitions) {
        long raw = (Math.max(0, totalLag) + lagThreshold - 1) / lagThreshold;
        // min wins over the partition count, as in KEDA: the floor is there for availability.
        int upper = Math.max(min, Math.min(max, partitions));
        return (int) Math.max(min, Math.min(upper, raw));
    }

    public Decision decide(Instant now, int current, long totalLag, int partitions) {
        int recommended = recommended(totalLag, partitions);
        recent.addLast(new Recommendation(now, recommended));
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(cooldown))) {
            recent.removeFirst();
        }
        if (recommended >= current) {
            return new Decision(current, recommended, recommended, totalLag, partitions);
        }
        int highestRecent = recent.stream().mapToInt(Recommendation::count).max().orElse(recommended);
        return new Decision(current, Math.min(current, highestRecent), recommended, totalLag, partitions);
    }

    private record Recommendation(Instant at, int count) {
    }

    /** What the rule decided and why, for the autoscaler's log. */
    public record Decision(int current, int desired, int recommended, long totalLag, int partitions) {

        public boolean changes() {
            return desired != current;
        }

        public boolean heldByCooldown() {
            return recommended < current && desired > recommended;
        }
    }
}
