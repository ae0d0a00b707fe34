package bakery.stack.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The key that encrypts the staff sign-in cookie of one stack: 256 random bits, made the first time
 * a stack home is used, kept in {@code secrets/cookie-key} (readable by its owner only, mode 600) and
 * read again by every later {@code up}, so a staff member stays signed in across restarts. Every
 * stack home has its own, and none is in the repository: a cookie of one stack means nothing to another.
 */
public final class CookieKey {

    static final int BYTES = 32;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CookieKey() {
    }

    /** The key kept in {@code file}, made there first when there is none. */
    public static String of(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it and ./bakery up makes a new cookie key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the cookie key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        }
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        try {
            // Created with mode 600 at once, so the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
