package bakery.orders.retry;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Back-off while PostgreSQL is unreachable or a write lost a race: the consumer waits, it never drops work. */
@ConfigMapping(prefix = "bakery.orders.retry")
public interface RetryConfig {

    Duration initialBackoff();

    Duration maxBackoff();
}
