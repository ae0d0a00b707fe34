package bakery.stack.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import bakery.contracts.scaling.WorkerScaling;

/**
 * The local autoscaler's memory, as the HPA's scale-down stabilisation window under KEDA: scale up
 * to the rule's count at once; scale down only to the highest count recommended within the
 * cooldown, so a short dip in lag does not shed nodes that are needed again a moment later.
 * Pure: the caller brings the clock, the lag and the partition count.
 */
public final class ScaleDownWindow {

    private final WorkerScaling scaling;
    private final Duration cooldown;
    private final Deque<Recommendation> recent = new ArrayDeque<>();

    public ScaleDownWindow(WorkerScaling scaling, Duration cooldown) {
        this.scaling = scaling;
        this.cooldown = cooldown;
    }

    public Decision decide(Instant now, int current, long totalLag, int partitions) {
        return decide(now, scaling, current, totalLag, partitions);
    }

    /** As {@link #decide(Instant, int, long, int)} with the rule of this moment (the calendar moves its floor). */
    public Decision decide(Instant now, WorkerScaling scaling, int current, long totalLag, int partitions) {
        int recommended = scaling.recommended(totalLag, partitions);
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

    /** What the autoscaler decided and why, for its log. */
    public record Decision(int current, int desired, int recommended, long totalLag, int partitions) {

        public boolean changes() {
            return desired != current;
        }

        public boolean heldByCooldown() {
            return recommended < current && desired > recommended;
        }
    }
}
