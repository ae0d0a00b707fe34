package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    @Test
    void hashesFromOtherBcryptToolsAreReadAsTheSameAlgorithm() {
        String hash = BcryptUtil.bcryptHash("rye-and-spelt", 4);
        assertThat(hash).startsWith("$2a$");
        assertThat(BcryptUtil.matches("rye-and-spelt", PasswordHashes.normalise("$2y$" + hash.substring(4)))).isTrue();
        assertThat(BcryptUtil.matches("rye-and-spelt", PasswordHashes.normalise("$2b$" + hash.substring(4)))).isTrue();
        assertThat(BcryptUtil.matches("wrong", PasswordHashes.normalise(hash))).isFalse();
    }

    @Test
    void sameBcryptPasswordHashesDifferentlyEachTime() {
        assertThat(BcryptUtil.bcryptHash("staff-demo", 4)).isNotEqualTo(BcryptUtil.bcryptHash("staff-demo", 4));
    }
}
