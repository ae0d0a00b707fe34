package bakery.contracts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered order ids (UUID version 7, RFC 9562): sortable by creation time, unguessable in the rest. */
public final class OrderIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderIds() {
    }

    public static UUID next() {
        return next(Clock.systemUTC());
    }

    static UUID next(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFF);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
