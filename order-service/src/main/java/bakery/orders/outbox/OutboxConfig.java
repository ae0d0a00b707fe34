package bakery.orders.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How the sweep finds events that were stored but never published (a node died in between). */
@ConfigMapping(prefix = "bakery.outbox")
public interface OutboxConfig {

    /** How often each instance sweeps (read by the scheduler from {@code bakery.outbox.sweep-every}). */
    Duration sweepEvery();

    /** Rows younger than this are left to the node that wrote them, which publishes right after its commit. */
    Duration sweepGrace();

    /**
     * Events a writer may have on their way to Kafka after its commit while it already works on
     * the next transaction; beyond this it waits for Kafka.
     */
    int maxInFlight();

    /** Most outbox rows (one per writing transaction) one sweep claims and publishes in one transaction. */
    int sweepBatch();
}
