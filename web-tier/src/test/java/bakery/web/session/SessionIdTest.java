package bakery.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SessionIdTest {

    @Test
    void idsCarry256RandomBitsAsBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = SessionId.next();
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
            assertThat(SessionId.wellFormed(id)).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void storageKeyIsAStableHashThatDoesNotContainTheId() {
        String id = SessionId.next();
        assertThat(SessionId.storageKey(id)).isEqualTo(SessionId.storageKey(id)).doesNotContain(id).hasSize(43);
        assertThat(SessionId.storageKey(id)).isNotEqualTo(SessionId.storageKey(SessionId.next()));
    }

    @Test
    void anythingWeCouldNotHaveIssuedIsNotWellFormed() {
        assertThat(SessionId.wellFormed(null)).isFalse();
        assertThat(SessionId.wellFormed("")).isFalse();
        assertThat(SessionId.wellFormed("short")).isFalse();
        assertThat(SessionId.wellFormed(SessionId.next() + "x")).isFalse();
        assertThat(SessionId.wellFormed("a".repeat(42) + "/")).isFalse();
    }
}
