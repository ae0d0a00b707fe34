package bakery.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A staff sign-in cookie made offline, the way an attacker who knows a key would make one: Quarkus'
 * form authentication keeps "expiry:user" in the cookie, encrypted with AES-GCM under the SHA-256 of
 * the configured key. Only a node with that same key accepts it, which is what the tests show.
 */
public final class ForgedStaffCookie {

    /** The key web-tier shipped with as its default before it required AUTH_ENCRYPTION_KEY. */
    public static final String OLD_DEMO_KEY = "fadu-bakery-demo-key-change-me-in-production";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ForgedStaffCookie() {
    }

    /** The cookie's value for {@code user}, valid for {@code validFor}, encrypted with {@code key}. */
    public static String value(String key, String user, Duration validFor) {
        try {
            byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            String contents = (System.currentTimeMillis() + validFor.toMillis()) + ":" + user;
            byte[] encrypted = cipher.doFinal(contents.getBytes(StandardCharsets.UTF_8));
            ByteBuffer message = ByteBuffer.allocate(1 + iv.length + encrypted.length);
            message.put((byte) iv.length).put(iv).put(encrypted);
            return java.util.Base64.getEncoder().encodeToString(message.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM and SHA-256", e);
        }
    }
}
