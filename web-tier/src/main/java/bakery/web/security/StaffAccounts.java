package bakery.web.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * Staff and ops users from configuration: a bcrypt hash (salted) per user, never a password; and
 * the key that encrypts their sign-in cookie. Every value is required, so a node missing one does
 * not start, and the error names the environment variable it should have come from.
 */
@ConfigMapping(prefix = "bakery.staff")
public interface StaffAccounts {

    Map<String, Account> users();

    /**
     * Quarkus' form authentication uses it ({@code quarkus.http.auth.session.encryption-key}); named here so it is required.
     */
    String cookieKey();

    interface Account {

        /** Modular-crypt bcrypt, e.g. {@code $2a$10$...}. */
        String passwordHash();

        List<String> roles();
    }
}
