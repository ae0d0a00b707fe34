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

    /**
     * The order number a person reads and quotes at the counter: the last eight hex digits, upper
     * case. They come from the random part of the id (the leading digits are its timestamp, shared
     * by every order of the same minute).
     */
    public static String number(UUID orderId) {
        String hex = orderId.toString();
        return hex.substring(hex.length() - 8).toUpperCase();
    }

    static UUID next(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFF);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
