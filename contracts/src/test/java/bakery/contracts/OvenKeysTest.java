package bakery.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class OvenKeysTest {

    private static final UUID ORDER = UUID.fromString("0193a0c4-2f1e-7a3b-9c4d-5e6f7a8b9c0d");

    /** The layout running bakers and the chaos verdict share: changing it strands every lease in Redis. */
    @Test
    void anOrdersKeysShareOneHashTag() {
        assertThat(OvenKeys.lease(ORDER)).isEqualTo("bakery:oven:{" + ORDER + "}:lease");
        assertThat(OvenKeys.baked(ORDER)).isEqualTo("bakery:oven:{" + ORDER + "}:baked");
        assertThat(OvenKeys.finished(ORDER)).isEqualTo("bakery:oven:{" + ORDER + "}:finished");
    }

    @Test
    void aLeaseNamesItsNodeBeforeTheAttempt() {
        assertThat(OvenKeys.holderNode("baking-worker-2/7f3c")).isEqualTo("baking-worker-2");
        assertThat(OvenKeys.holderNode("baking-worker-2")).isEqualTo("baking-worker-2");
    }
}
