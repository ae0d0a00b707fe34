package bakery.stack.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieKeyTest {

    @TempDir
    Path home;

    @Test
    void aNewStackHomeGetsA256BitKeyOnlyItsOwnerCanRead() throws Exception {
        Path file = home.resolve("secrets/cookie-key");

        String key = CookieKey.of(file);

        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void theNextUpReadsTheSameKeyAgain() {
        Path file = home.resolve("secrets/cookie-key");

        String first = CookieKey.of(file);

        assertThat(CookieKey.of(file)).isEqualTo(first);
    }

    @Test
    void everyStackHomeHasItsOwnKey() {
        assertThat(CookieKey.of(home.resolve("a/secrets/cookie-key")))
                .isNotEqualTo(CookieKey.of(home.resolve("b/secrets/cookie-key")));
    }
}
