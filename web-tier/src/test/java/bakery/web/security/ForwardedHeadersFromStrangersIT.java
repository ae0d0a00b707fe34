package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * The balancer is somewhere else (192.0.2.1), so the test is a stranger: its X-Forwarded-* headers
 * make no cookie Secure and no address its own; limits count the address it really comes from.
 */
@QuarkusTest
@WebTierTest
@TestProfile(ForwardedHeadersFromStrangersIT.BalancerElsewhere.class)
class ForwardedHeadersFromStrangersIT {

    public static class BalancerElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.proxy.trusted-proxies", "192.0.2.1");
            config.put("bakery.web.limits.cart-writes.per-address", "3");
            config.put("%test.bakery.web.limits.cart-writes.per-address", "3");
            return config;
        }
    }

    @TestHTTPResource("/")
    URL node;

    @Test
    void aClientThatIsNotTheBalancerCannotClaimHttps() {
        Shopper shopper = new Shopper(node.toString());
        assertThat(shopper.get("/", "X-Forwarded-Proto", "https").headers().allValues("Set-Cookie"))
                .singleElement().satisfies(c -> assertThat(c).startsWith("FADU_CSRF=").doesNotContain("Secure"));
        assertThat(shopper.addToCart("croissant", 1, "X-Forwarded-Proto", "https").headers().allValues("Set-Cookie"))
                .filteredOn(c -> c.startsWith("FADU_SESSION=")).singleElement()
                .satisfies(c -> assertThat(c).doesNotContain("Secure"));
        HttpResponse<String> signedIn = new Shopper(node.toString()).postForm("/j_security_check",
                Map.of("j_username", "staff", "j_password", "staff-demo"), "X-Forwarded-Proto", "https");
        assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("FADU_STAFF=")).singleElement()
                .satisfies(c -> assertThat(c).doesNotContain("Secure"));
    }

    @Test
    void aClientThatIsNotTheBalancerIsCountedByItsOwnAddressWhateverItClaims() {
        // fresh sessions, each claiming another address: all count against the loopback's 3 per minute
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            int status = new Shopper(node.toString()).addToCart("pretzel", 1, "X-Forwarded-For", "203.0.113." + (10 + i))
                    .statusCode();
            accepted += status == 200 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        assertThat(accepted).isLessThanOrEqualTo(3);
        assertThat(refused).isEqualTo(4 - accepted);
    }
}
