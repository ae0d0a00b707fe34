package bakery.web.security;

import java.util.List;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Makes the bcrypt hash for a staff account:
 * {@code java -cp 'web-tier/target/quarkus-app/lib/main/*:web-tier/target/quarkus-app/app/*' bakery.web.security.PasswordHashes 'new password'}.
 * Hashes from other tools ({@code htpasswd -nbBC 10 user pw}, Python's bcrypt) work too.
 */
public final class PasswordHashes {

    private static final int COST = 10;

    private PasswordHashes() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHashes <password>");
            System.exit(2);
        }
        System.out.println(BcryptUtil.bcryptHash(args[0], COST));
    }

    /**
     * A hash of a random password at the highest cost among the accounts' hashes: what an unknown
     * user name is checked against, so that it takes as long as a known one.
     */
    static String standIn(List<String> hashes) {
        int cost = hashes.stream().map(PasswordHashes::costOf).max(Integer::compare).orElse(COST);
        return BcryptUtil.bcryptHash(StaffRealm.unusablePassword(), cost);
    }

    /** The cost field of a modular-crypt bcrypt hash ({@code $2a$10$...}); the default when unreadable. */
    static int costOf(String hash) {
        String[] parts = hash == null ? new String[0] : hash.split("\\$");
        try {
            return parts.length > 2 ? Integer.parseInt(parts[2]) : COST;
        } catch (NumberFormatException e) {
            return COST;
        }
    }

    /** $2b$ and $2y$ (htpasswd, Python) are the same algorithm as $2a$, the one prefix Elytron reads. */
    static String normalise(String hash) {
        if (hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return "$2a$" + hash.substring(4);
        }
        return hash;
    }
}
