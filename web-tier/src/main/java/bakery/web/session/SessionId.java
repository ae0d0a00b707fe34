package bakery.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Session ids: 256 random bits, base64url. Redis only ever sees a SHA-256 of the id, so someone
 * reading Redis (a dump, a replica) cannot take over a customer's session.
 */
public final class SessionId {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SessionId() {
    }

    public static String next() {
        return random(BYTES);
    }

    /** Unguessable tokens (CSRF, idempotency keys of forms) share the session id's source of randomness. */
    public static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return BASE64URL.encodeToString(raw);
    }

    /** Only ids we could have issued are looked up; anything else is replaced without touching Redis. */
    public static boolean wellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    /** SHA-256, base64url: what Redis keys name instead of an id, or instead of text a stranger chose. */
    public static String storageKey(String id) {
        try {
            // UTF-8: the same bytes as ASCII for ids, and no two user names collapse into one
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
