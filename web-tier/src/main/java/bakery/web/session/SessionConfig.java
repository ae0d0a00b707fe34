package bakery.web.session;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How long a customer's session lives: it slides with every request up to an absolute limit. */
@ConfigMapping(prefix = "bakery.web.session")
public interface SessionConfig {

    String cookieName();

    Duration idleTimeout();

    Duration absoluteTimeout();

    /** The idle timeout is split into this many buckets of "sessions seen" for the active-session count. */
    int activityBuckets();

    /** How often each node recounts the active sessions for /q/metrics. */
    Duration activeCountEvery();
}
