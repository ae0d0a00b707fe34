package bakery.web.security;

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

    /** $2b$ and $2y$ (htpasswd, Python) are the same algorithm as $2a$, the one prefix Elytron reads. */
    static String normalise(String hash) {
        if (hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return "$2a$" + hash.substring(4);
        }
        return hash;
    }
}
