package bakery.web.checkout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How checkout turns the ovens' queue into pickup slots. */
@ConfigMapping(prefix = "bakery.web.pickup")
public interface PickupConfig {

    /** The length of one pickup slot; the earliest time is rounded up to the next one. */
    Duration slotLength();

    /** How many slots the form offers, the earliest first. */
    int slotsOffered();

    /** The oven slots of the whole baking fleet, over which the waiting oven time is shared. */
    int ovenSlots();

    /** The ovens' speed (1.0: real bake times), so a stack with fast ovens offers matching slots. */
    double ovenSpeedFactor();

    /** The time to pack a baked order for pickup. */
    Duration packing();

    /** How long one answer about the oven queue serves this node's checkouts. */
    Duration queueMaxAge();
}
