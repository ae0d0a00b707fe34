package bakery.web.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Staff and ops users from configuration: a bcrypt hash (salted) per user, never a password. */
@ConfigMapping(prefix = "bakery.staff")
public interface StaffAccounts {

    Map<String, Account> users();

    interface Account {

        /** Modular-crypt bcrypt, e.g. {@code $2a$10$...}. */
        String passwordHash();

        List<String> roles();
    }
}
