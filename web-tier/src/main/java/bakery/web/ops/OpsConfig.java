package bakery.web.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * How long the console trusts what it read, how long it waits for Kafka and for a node it takes out of rotation. How
 * often nodes report in is the shared {@code bakery.heartbeat.*} ({@link bakery.defaults.HeartbeatConfig}).
 */
@ConfigMapping(prefix = "bakery.web.ops")
public interface OpsConfig {

    /** Bound on each Kafka Admin call of one survey. */
    Duration kafkaTimeout();

    /** One snapshot serves every viewer for this long, so several ops screens do not multiply the load. */
    Duration snapshotMaxAge();

    /** How often the console page gets a fresh snapshot. */
    Duration pushEvery();

    /**
     * How long a drain or undrain from the console waits for the node's answer: a drain answers once the node's work
     * in hand is done or its own {@code bakery.rotation.work-timeout} passed, so this is longer.
     */
    Duration rotationTimeout();

    /** How far ahead the console looks for the capacity policy's next change. */
    Duration capacityHorizon();
}
