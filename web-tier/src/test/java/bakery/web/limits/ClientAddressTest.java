package bakery.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressCountsAsItIs() {
        assertThat(ClientAddress.normalise("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv6CustomerCountsByTheWhole64TheyHold() {
        String one = ClientAddress.normalise("2001:db8:1234:5678::1");
        assertThat(one).isEqualTo("2001:db8:1234:5678::/64");
        assertThat(ClientAddress.normalise("[2001:db8:1234:5678:ffff:eeee:dddd:cccc]")).isEqualTo(one);
        assertThat(ClientAddress.normalise("2001:db8:1234:5679::1")).isNotEqualTo(one);
    }

    @Test
    void oddTextFromAProxyBecomesAShortHashNeverAKeyOfItsOwnLength() {
        String odd = ClientAddress.normalise("x".repeat(4000));
        assertThat(odd).startsWith("other-").hasSizeLessThan(50);
        assertThat(ClientAddress.normalise("unknown")).startsWith("other-");
        assertThat(ClientAddress.normalise("")).isEqualTo("unknown");
    }
}
