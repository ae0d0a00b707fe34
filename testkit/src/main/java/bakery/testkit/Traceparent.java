package bakery.testkit;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** W3C trace context as a test writes it into a request or a record, and reads it back. */
public final class Traceparent {

    public static final String HEADER = "traceparent";

    private Traceparent() {
    }

    /** A fresh, sampled trace: {@code 00-<32 hex trace id>-<16 hex span id>-01}. */
    public static String fresh() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    /** The trace id of a {@code traceparent} value, or null when there is none. */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : null;
    }

    private static String hex(int bytes) {
        byte[] raw = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(raw);
        raw[0] |= 1; // never all zeros, which W3C calls invalid
        return HexFormat.of().formatHex(raw);
    }
}
