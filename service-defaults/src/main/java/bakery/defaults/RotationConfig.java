package bakery.defaults;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Whether a node's consumers can be taken out of rotation, and how long a drain waits for the work in hand. */
@ConfigMapping(prefix = "bakery.rotation")
public interface RotationConfig {

    /** On for the services that consume (workers and order-service), off for the web tier. */
    boolean enabled();

    /** How long a drain waits for the work in hand before it answers; the node keeps finishing it after that. */
    Duration workTimeout();

    /** How often a drain looks at the work in hand. */
    Duration workCheckInterval();

    /**
     * How long a stopping node waits for its work in hand after leaving its consumer groups, before
     * the shutdown goes on to close its connections; empty where the connector's own close serves
     * (the workers, whose work needs no connection Quarkus closes first).
     */
    Optional<Duration> leaveBeforeShutdown();
}
