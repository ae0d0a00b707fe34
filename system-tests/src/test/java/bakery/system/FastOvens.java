package bakery.system;

import bakery.testkit.BakeryNodes;

/** The system tests' bakery: ovens fast enough that a croissant's 18 minutes take about a second. */
final class FastOvens {

    static final String OVEN_SPEED_FACTOR = "0.001";
    /** Short leases, so the orders in a killed baker's ovens are baked again within seconds. */
    static final String OVEN_LEASE_TTL = "3s";

    private FastOvens() {
    }

    static BakeryNodes nodes() {
        return new BakeryNodes()
                .with("baking-worker", "bakery.oven.speed-factor", OVEN_SPEED_FACTOR)
                .with("baking-worker", "bakery.oven.lease-ttl", OVEN_LEASE_TTL);
    }
}
