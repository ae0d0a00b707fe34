package bakery.system;

import bakery.testkit.BakeryNodes;

/** The system tests' bakery: ovens fast enough that a croissant's 18 minutes take about a second. */
final class FastOvens {

    static final String OVEN_SPEED_FACTOR = "0.001";
    /** Short leases, so the orders in a killed baker's ovens are baked again within seconds. */
    static final String OVEN_LEASE_TTL = "3s";
    /**
     * A short consumer session, so a killed baker's partitions move to another baker within seconds
     * instead of Kafka's default 45 s.
     */
    static final String BAKER_SESSION_TIMEOUT_MS = "10000";

    private FastOvens() {
    }

    static BakeryNodes nodes() {
        return new BakeryNodes()
                .with("baking-worker", "bakery.oven.speed-factor", OVEN_SPEED_FACTOR)
                .with("baking-worker", "bakery.oven.lease-ttl", OVEN_LEASE_TTL)
                .with("baking-worker", "mp.messaging.incoming.bake-requests.session.timeout.ms", BAKER_SESSION_TIMEOUT_MS);
    }
}
