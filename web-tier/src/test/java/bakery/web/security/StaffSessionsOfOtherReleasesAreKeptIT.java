package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.web.GoldenValues;
import bakery.web.WebTierTest;
import bakery.web.session.SessionId;

/**
 * During a rolling upgrade a staff member's next request may land on a node of another release. A staff session as the
 * release before wrote it ({@code golden/release-1.0}, no shape version) and as a release after may write it
 * ({@code golden/next}, a higher version and a field this release does not know) keeps them signed in. The session is
 * read by a Lua script, so this runs against a real Redis.
 */
@QuarkusTest
@WebTierTest
class StaffSessionsOfOtherReleasesAreKeptIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RedisDataSource redis;

    @Inject
    StaffSessions sessions;

    @ParameterizedTest
    @ValueSource(strings = { "release-1.0", "next" })
    void theStaffMemberStaysSignedIn(String release) {
        Map<String, String> fixture = GoldenValues.hash(GoldenValues.fixture(release, "staff-session.json"));
        StaffSessions.SignIn signIn = new StaffSessions.SignIn(fixture.get("user"), SessionId.next());
        String key = StaffSessions.key(signIn.id());
        redis.hash(String.class).hset(key, fixture);
        redis.key().pexpire(key, Duration.ofMinutes(1));

        assertThat(sessions.resume(signIn).await().atMost(WAIT)).as("the session of release %s lives on", release).isTrue();
        assertThat(redis.key().pttl(key)).as("using it slid its idle timeout").isGreaterThan(Duration.ofHours(1).toMillis());
        assertThat(sessions.resume(new StaffSessions.SignIn("ops", signIn.id())).await().atMost(WAIT))
                .as("another staff member's cookie is still refused").isFalse();
    }

    @Test
    void aSessionThisReleaseOpensCarriesItsShapeVersion() {
        StaffSessions.SignIn signIn = sessions.open("staff").await().atMost(WAIT);

        Map<String, String> stored = redis.hash(String.class).hgetall(StaffSessions.key(signIn.id()));
        assertThat(stored).containsEntry("v", String.valueOf(StaffSessions.SHAPE_VERSION)).containsEntry("user", "staff")
                .containsKey("signed-in");
    }
}
