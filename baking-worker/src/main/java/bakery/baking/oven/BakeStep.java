package bakery.baking.oven;

import bakery.baking.oven.OrderLeases.Lease;
import bakery.contracts.BakeEvent;

/** What became of one bake request at the oven, in the order it happened. */
public sealed interface BakeStep {

    /** The order went into the oven. */
    record Started(BakeEvent event) implements BakeStep {
    }

    /** The order came out; it counts as baked once {@link Oven#published} was told its event is on Kafka. */
    record Finished(BakeEvent event, Lease lease) implements BakeStep {
    }

    /** An earlier request for the order was baked already: nothing to do but acknowledge. */
    record AlreadyBaked() implements BakeStep {
    }

    /** The worker is stopping: the request goes back, unacknowledged, for another instance to bake. */
    record HandedBack() implements BakeStep {
    }
}
