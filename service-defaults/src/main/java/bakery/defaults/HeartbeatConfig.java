package bakery.defaults;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How a node reports in to the ops console ({@link NodeHeartbeat}) and what it says it runs and where it answers. */
@ConfigMapping(prefix = "bakery.heartbeat")
public interface HeartbeatConfig {

    /** Whether this service beats at all: read at build time ({@link NodeHeartbeat} exists only where it is true). */
    boolean enabled();

    /** How often this node writes its heartbeat. */
    Duration every();

    /** A node that has not beaten for this long drops off the list (a few heartbeats). */
    Duration ttl();

    /**
     * The release this node runs: the name the launcher gave it ({@code ./bakery} names the release directory it
     * started the node from); without one the build's version stands for it.
     */
    Optional<String> release();

    /** The address other nodes reach this node's management interface at: the pod's IP, 127.0.0.1 on the local stack. */
    String nodeAddress();
}
