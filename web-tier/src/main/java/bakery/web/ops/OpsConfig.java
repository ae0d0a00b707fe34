package bakery.web.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How often nodes report in, how long the console trusts what it read, and how long it waits for Kafka. */
@ConfigMapping(prefix = "bakery.web.ops")
public interface OpsConfig {

    /** How often this node writes its heartbeat. */
    Duration heartbeatEvery();

    /** A node that has not beaten for this long drops off the list (a few heartbeats). */
    Duration heartbeatTtl();

    /** Bound on each Kafka Admin call of one survey. */
    Duration kafkaTimeout();

    /** One snapshot serves every viewer for this long, so several ops screens do not multiply the load. */
    Duration snapshotMaxAge();

    /** How often the console page gets a fresh snapshot. */
    Duration pushEvery();

    /** How far ahead the console looks for the capacity policy's next change. */
    Duration capacityHorizon();
}
