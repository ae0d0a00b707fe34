package bakery.baking.oven;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How one baking-worker instance runs its oven. Keys and environment overrides are in application.properties. */
@ConfigMapping(prefix = "bakery.oven")
public interface OvenConfig {

    /** Orders this instance bakes at once. */
    @WithDefault("4")
    int slots();

    /** Real oven time = product bake time × this factor; below 1 bakes faster (tests, demos, benchmarks). */
    @WithDefault("1.0")
    double speedFactor();

    /** How long a lease on an order outlives its holder; renewed every third of it while baking. */
    @WithDefault("30s")
    Duration leaseTtl();

    /** How long an order is remembered as baked, so a redelivered request for it is not baked again. */
    @WithDefault("7d")
    Duration bakedMemory();

    /** On a graceful stop, how long bakes in the oven may run on before they are handed back. */
    @WithDefault("20s")
    Duration drainTimeout();

    default Duration leaseRenewal() {
        return leaseTtl().dividedBy(3);
    }
}
