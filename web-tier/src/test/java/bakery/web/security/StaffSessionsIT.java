package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.testkit.Await;
import bakery.testkit.RedisServer;
import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.WebTierTest;

/**
 * A staff sign-in is a session on the server: signing out, the idle and the absolute timeout end it for every copy of the
 * cookie.
 */
@QuarkusTest
@WebTierTest
class StaffSessionsIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    RedisDataSource redis;

    @Test
    void afterSignOutTheOldCookieIsRefusedAndClearedWithoutARedirectLoop() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        assertThat(staff.get("/board").statusCode()).isEqualTo(200);
        String copied = staff.credential();

        HttpResponse<String> out = staff.signOut();
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("FADU_STAFF=;") && c.contains("Max-Age=0"));

        Shopper thief = new Shopper(node.toString()).withCookie(Shopper.STAFF, copied);
        HttpResponse<String> board = thief.get("/board");
        assertThat(board.statusCode()).isEqualTo(302);
        assertThat(board.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
        assertThat(new Shopper(node.toString()).withCookie(Shopper.STAFF, copied).get("/api/board/events").statusCode())
                .isEqualTo(302);
        // whatever page the holder asks for, they are sent to sign in once, and the dead cookie is cleared
        Shopper holder = new Shopper(node.toString()).withCookie(Shopper.STAFF, copied);
        HttpResponse<String> catalog = holder.get("/");
        assertThat(catalog.statusCode()).isEqualTo(302);
        assertThat(holder.cookie(Shopper.STAFF)).as("the dead cookie is cleared").isNull();
        assertThat(holder.get(java.net.URI.create(catalog.headers().firstValue("Location").orElseThrow()).getPath())
                .statusCode()).as("the sign-in page, no redirect loop").isEqualTo(200);
        assertThat(holder.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aStaffSessionEndsAtItsAbsoluteLifetimeHoweverBusyItIs() {
        Set<String> before = staffSessions();
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        String key = newKey(before);
        assertThat(staff.get("/board").statusCode()).isEqualTo(200);

        // signed in 12 h and a minute ago, busy all the time since
        redis.hash(String.class).hset(key, "signed-in",
                Long.toString(System.currentTimeMillis() - Duration.ofHours(12).plusMinutes(1).toMillis()));

        assertThat(staff.get("/board").statusCode()).isEqualTo(302);
        assertThat(redis.key().exists(key)).isFalse();
    }

    @Test
    void theIdleTimeoutSlidesWithUseAndTheCookieIsNeverRenewed() {
        Set<String> before = staffSessions();
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        String key = newKey(before);
        assertThat(redis.key().pttl(key)).isBetween(Duration.ofHours(8).minusMinutes(1).toMillis(),
                Duration.ofHours(8).toMillis());
        redis.key().pexpire(key, Duration.ofMinutes(1));

        HttpResponse<String> board = staff.get("/board");

        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(redis.key().pttl(key)).as("slid back to the idle timeout").isGreaterThan(Duration.ofHours(7).toMillis());
        assertThat(board.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("FADU_STAFF="));
        assertThat(staff.signInAnswer().headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("FADU_STAFF="))
                .singleElement().satisfies(c -> assertThat(c).containsIgnoringCase("HttpOnly").contains("SameSite=Strict"));
    }

    @Test
    void whileRedisIsDownStaffAreAnswered503AndNobodyIsSignedOut() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        String cookie = staff.credential();
        RedisServer.shared().stop();
        try {
            HttpResponse<String> board = staff.get("/board");
            assertThat(board.statusCode()).isEqualTo(503);
            assertThat(board.headers().firstValue("Retry-After")).isPresent();
            assertThat(board.body()).contains("\"title\":\"unavailable\"", "try again");
            assertThat(staff.credential()).as("the cookie is kept through the outage").isEqualTo(cookie);
            HttpResponse<String> signIn = new Shopper(node.toString()).postForm("/j_security_check",
                    Map.of("j_username", "ops", "j_password", "ops-demo"));
            assertThat(signIn.statusCode()).isEqualTo(503);
        } finally {
            RedisServer.shared().start();
        }
        Await.untilAsserted("sign-in works again once Redis is back", () -> assertThat(
                SignedInStaff.signIn(node.toString(), "ops", "ops-demo").credential()).isNotNull());
    }

    private Set<String> staffSessions() {
        return new HashSet<>(redis.key().keys("staff:session:*"));
    }

    private String newKey(Set<String> before) {
        Set<String> after = staffSessions();
        after.removeAll(before);
        assertThat(after).as("the sign-in's staff session in Redis").hasSize(1);
        return after.iterator().next();
    }
}
