package bakery.baking.oven;

import java.time.Duration;

import bakery.contracts.BakeLine;
import bakery.contracts.BakeRequest;

/** How long an order stays in the oven: its slowest product's bake time, scaled by the speed factor. */
public final class BakeTime {

    private BakeTime() {
    }

    /** @throws UnbakeableOrder when the request cannot be baked as it stands; it is dead-lettered, not retried */
    public static Duration of(BakeRequest request, double speedFactor) {
        if (request.lines().isEmpty()) {
            throw new UnbakeableOrder("bake request for order " + request.orderId() + " has no lines");
        }
        for (BakeLine line : request.lines()) {
            if (line.quantity() <= 0) {
                throw new UnbakeableOrder("bake request for order " + request.orderId() + " asks for "
                        + line.quantity() + " of " + line.sku());
            }
            if (line.bakeSeconds() < 0) {
                throw new UnbakeableOrder("bake request for order " + request.orderId() + " has a negative bake time for "
                        + line.sku());
            }
        }
        long millis = Math.round(request.bakeSeconds() * 1000.0 * speedFactor);
        return Duration.ofMillis(Math.max(0, millis));
    }

    /** A request that no oven can bake: poison, sent to the dead-letter topic with this message as the reason. */
    public static final class UnbakeableOrder extends IllegalArgumentException {
        public UnbakeableOrder(String reason) {
            super(reason);
        }
    }
}
