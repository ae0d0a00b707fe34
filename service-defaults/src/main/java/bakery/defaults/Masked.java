package bakery.defaults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What logs, metrics and dead-letter reasons may show of personal or secret values: enough to tell
 * two apart, never enough to use. E-mail addresses keep their first letter and domain; secrets
 * (session ids, tokens) become a short hash prefix.
 */
public final class Masked {

    /** Hex digits of the SHA-256 kept: tells sessions apart in a log, says nothing about the id. */
    private static final int HASH_PREFIX = 8;

    private Masked() {
    }

    /** {@code jane.doe@example.org} becomes {@code j***@example.org}. */
    public static String email(String address) {
        if (address == null || address.isBlank()) {
            return "(none)";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** The text with every occurrence of the address masked, e.g. an SMTP server's error that quotes the recipient. */
    public static String emailIn(String text, String address) {
        if (text == null || address == null || address.isBlank()) {
            return text;
        }
        return text.replace(address, email(address));
    }

    /** A secret as a log may name it: {@code #} and the first hex digits of its SHA-256. */
    public static String secret(String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest).substring(0, HASH_PREFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
