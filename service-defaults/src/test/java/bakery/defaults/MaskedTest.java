package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedTest {

    @Test
    void anAddressKeepsItsFirstLetterAndDomain() {
        assertThat(Masked.email("jane.doe@example.org")).isEqualTo("j***@example.org");
        assertThat(Masked.email("not-an-address")).isEqualTo("***");
        assertThat(Masked.email(null)).isEqualTo("(none)");
    }

    @Test
    void anAddressQuotedInAnErrorIsMasked() {
        assertThat(Masked.emailIn("550 mailbox jane.doe@example.org unknown", "jane.doe@example.org"))
                .isEqualTo("550 mailbox j***@example.org unknown");
    }

    @Test
    void aSecretBecomesAShortHashThatTellsTwoApart() {
        String session = "k3Q1jW0n2m4S9aZ_x-7pVbLrT5uE8yC6dF0gH1iJ2kL";
        assertThat(Masked.secret(session)).matches("#[0-9a-f]{8}").doesNotContain(session.substring(0, 4));
        assertThat(Masked.secret(session)).isEqualTo(Masked.secret(session)).isNotEqualTo(Masked.secret(session + "x"));
    }
}
