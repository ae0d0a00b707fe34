package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The balancer's addresses, as every shape of the bakery sets them, are addresses Quarkus compares without asking
 * DNS: a CIDR range, an IPv4 address or an IPv6 address in brackets, each with an optional port. Anything else,
 * a bare {@code ::1} included, Quarkus takes for a host name and looks up on every request.
 */
class TrustedProxiesTest {

    private static final Pattern LITERAL = Pattern.compile(
            "[^/]+/\\d{1,3}" // CIDR
                    + "|\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?" // IPv4
                    + "|\\[[0-9a-fA-F:.]+](:\\d+)?"); // IPv6 in brackets
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{TRUSTED_PROXIES:(.+)}");
    private static final Pattern SET = Pattern.compile("TRUSTED_PROXIES[=:]\\s*\"?([^\"\\s]+)\"?");

    @Test
    void theWebTiersDefaultIsAddressesOnly() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Matcher fallback = DEFAULT.matcher(properties.getProperty("quarkus.http.proxy.trusted-proxies"));

        assertThat(fallback.matches()).isTrue();
        assertThat(entries(fallback.group(1))).isNotEmpty().allMatch(TrustedProxiesTest::isAddress);
    }

    @Test
    void composeAndKubernetesSetAddressesOnly() throws IOException {
        for (Path file : List.of(Path.of("..", "docker-compose.yml"), Path.of("..", "deploy", "k8s", "base", "bakery.env"))) {
            Matcher set = SET.matcher(Files.readString(file));

            assertThat(set.find()).as("TRUSTED_PROXIES in %s", file).isTrue();
            assertThat(entries(set.group(1))).as(file.toString()).isNotEmpty().allMatch(TrustedProxiesTest::isAddress);
        }
    }

    @Test
    void aBareIpv6AddressOrAHostNameIsNotAnAddressToQuarkus() {
        assertThat(isAddress("::1")).isFalse();
        assertThat(isAddress("balancer")).isFalse();
        assertThat(isAddress("[::1]")).isTrue();
        assertThat(isAddress("::1/128")).isTrue();
    }

    private static List<String> entries(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    private static boolean isAddress(String entry) {
        return LITERAL.matcher(entry).matches();
    }
}
