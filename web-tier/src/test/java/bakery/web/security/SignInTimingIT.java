package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.WebTierTest;

/**
 * A stranger timing the sign-in cannot tell which user names exist: a wrong password for a real
 * account and any password for a name nobody has take the same time. Compared within one run, in
 * alternation, so a busy machine slows both alike.
 */
@QuarkusTest
@WebTierTest
class SignInTimingIT {

    static final int WARM_UP = 10;
    static final int TRIES = 150;
    static final double MAX_DIFFERENCE = 0.20;

    @TestHTTPResource("/")
    URL node;

    @Test
    void anUnknownUserNameTakesAsLongAsAWrongPasswordForAKnownOne() {
        for (int i = 0; i < WARM_UP; i++) {
            nanos("staff", "warm-up-" + i);
            nanos("nobody-" + i, "warm-up-" + i);
        }
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            known.add(nanos("staff", "wrong-" + i));
            unknown.add(nanos("nobody-" + i, "wrong-" + i));
        }
        double knownMedian = median(known);
        double unknownMedian = median(unknown);
        System.out.printf("sign-in medians over %d tries each: known user, wrong password %.1f ms; unknown user %.1f ms%n",
                TRIES, knownMedian / 1e6, unknownMedian / 1e6);
        assertThat(Math.abs(knownMedian - unknownMedian) / Math.max(knownMedian, unknownMedian))
                .as("difference of the medians (known %.1f ms, unknown %.1f ms)", knownMedian / 1e6, unknownMedian / 1e6)
                .isLessThanOrEqualTo(MAX_DIFFERENCE);
    }

    private long nanos(String user, String password) {
        long start = System.nanoTime();
        HttpResponse<String> answer = new Shopper(node.toString()).postForm("/j_security_check",
                Map.of("j_username", user, "j_password", password));
        long took = System.nanoTime() - start;
        assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/signin?error");
        return took;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    }
}
