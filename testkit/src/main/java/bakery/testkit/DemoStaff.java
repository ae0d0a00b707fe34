package bakery.testkit;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a packaged web node needs before it starts (it refuses to without them): the demo staff
 * accounts (staff / staff-demo, ops / ops-demo) as bcrypt hashes and a cookie key, one random key
 * per test run so every node it starts reads the others' sign-in cookies.
 */
public final class DemoStaff {

    public static final String STAFF_PASSWORD_HASH = "$2a$10$Q2tA7CAtpp//eYn/cMetRubkaG33Wwr1gj8BvpweCSTTkWWGRDW1m";
    public static final String OPS_PASSWORD_HASH = "$2a$10$8UZF8OrrBy1R7cqk3FOX8.OWPY4myB2EDj7zUuc4hX9OSZPCP5sTO";
    public static final String COOKIE_KEY = randomKey();

    private DemoStaff() {
    }

    /** The web node, with the demo accounts and this run's cookie key. */
    public static ServiceProcess on(ServiceProcess webNode) {
        return webNode.with("bakery.staff.cookie-key", COOKIE_KEY)
                .with("bakery.staff.users.staff.password-hash", STAFF_PASSWORD_HASH)
                .with("bakery.staff.users.ops.password-hash", OPS_PASSWORD_HASH);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
