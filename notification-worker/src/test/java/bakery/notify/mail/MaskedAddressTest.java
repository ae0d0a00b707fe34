package bakery.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedAddressTest {

    @Test
    void keepsTheFirstLetterAndTheDomainOnly() {
        assertThat(MaskedAddress.of("jane.doe@example.org")).isEqualTo("j***@example.org");
        assertThat(MaskedAddress.of("not-an-address")).isEqualTo("***");
        assertThat(MaskedAddress.of(null)).isEqualTo("(none)");
    }

    @Test
    void masksTheAddressWhereverATextQuotesIt() {
        assertThat(MaskedAddress.in("550 mailbox <jane.doe@example.org> unavailable", "jane.doe@example.org"))
                .isEqualTo("550 mailbox <j***@example.org> unavailable");
    }
}
