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
 * form authentication keeps "expiry:principal" in the cookie, encrypted with AES-GCM under the SHA-256
 * of the configured key. Only a node with that same key reads it, which is what the tests show; the
 * principal must also name a staff session that is still open, so even the right key alone mints
 * nothing.
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
        return seal(key, (System.currentTimeMillis() + validFor.toMillis()) + ":" + user);
    }

    /**
     * What a cookie made with {@code key} says ("expiry:principal"): a thief who holds the key reads a
     * real sign-in's cookie like this, to seal the same words again with another key.
     */
    public static String open(String key, String value) {
        try {
            ByteBuffer message = ByteBuffer.wrap(java.util.Base64.getDecoder().decode(value));
            byte[] iv = new byte[message.get()];
            message.get(iv);
            byte[] encrypted = new byte[message.remaining()];
            message.get(encrypted);
            return new String(cipher(Cipher.DECRYPT_MODE, key, iv).doFinal(encrypted), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a cookie made with this key", e);
        }
    }

    /** {@code contents} ("expiry:principal") encrypted with {@code key}, as a node with that key writes it. */
    public static String seal(String key, String contents) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            byte[] encrypted = cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(contents.getBytes(StandardCharsets.UTF_8));
            ByteBuffer message = ByteBuffer.allocate(1 + iv.length + encrypted.length);
            message.put((byte) iv.length).put(iv).put(encrypted);
            return java.util.Base64.getEncoder().encodeToString(message.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM and SHA-256", e);
        }
    }

    private static Cipher cipher(int mode, String key, byte[] iv) throws GeneralSecurityException {
        byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
