package bakery.stack.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * What one instance of a tier carried while its service level held: the measured orders per second
 * of the highest step it held (every lower step held too), divided by its instances. {@code bounded}:
 * a higher step broke it, so this is its capacity; otherwise it held at every step and carries at
 * least this. {@code perInstance} is null when it broke at the first step already.
 */
public record TierCapacity(String service, int instances, Double heldOrdersPerSecond, Double perInstance, boolean bounded,
        String limit) {

    public static List<TierCapacity> of(List<LoadStep> steps, java.util.Map<String, Integer> instances) {
        List<TierCapacity> tiers = new ArrayList<>();
        for (String service : Tier.ALL) {
            int n = instances.getOrDefault(service, 0);
            Double held = null;
            String limit = null;
            for (LoadStep step : steps) {
                if (!step.held().getOrDefault(service, false)) {
                    limit = String.format("broke at %.1f orders/s asked: %s", step.askedPerSecond(),
                            step.reasons().get(service));
                    break;
                }
                held = step.ordersPerSecond();
            }
            Double perInstance = held == null || n == 0 ? null : held / n;
            tiers.add(new TierCapacity(service, n, held, perInstance, limit != null,
                    limit != null ? limit : "held at every step: one instance carries at least this"));
        }
        return tiers;
    }
}
