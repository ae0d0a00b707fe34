package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.web.GoldenValues;

/**
 * During a rolling upgrade web nodes of two releases beat into the same Redis. A heartbeat as the release before wrote
 * it ({@code golden/release-1.0}, no shape version) and as a release after may write it ({@code golden/next}, a higher
 * version and fields this release does not know) still lists its node on /ops with what it said.
 */
class HeartbeatsOfOtherReleasesTest {

    @ParameterizedTest
    @ValueSource(strings = { "release-1.0", "next" })
    void theNodeIsListedWithWhatItSaid(String release) {
        Map<String, String> hash = GoldenValues.hash(GoldenValues.fixture(release, "node-heartbeat.json"));
        Instant now = Instant.ofEpochMilli(Long.parseLong(hash.get("seenAt")));

        OpsSnapshot.Node node = LiveNodes.node(hash, now);

        assertThat(node).isNotNull();
        assertThat(node.id()).isEqualTo("web-tier-1");
        assertThat(node.version()).isEqualTo("1.0.0");
        assertThat(node.startedAt()).isEqualTo(Instant.ofEpochMilli(1_796_601_600_000L));
        assertThat(node.lastSeen()).isEqualTo(now);
        assertThat(node.requestsServed()).isEqualTo(1234);
        assertThat(node.service()).as("only web nodes beat before heartbeats named their service").isEqualTo("web-tier");
    }

    @Test
    void aHeartbeatOfTheReleaseBeforeNamesItsBuildAsItsReleaseAndOffersNoDrain() {
        Map<String, String> hash = GoldenValues.hash(GoldenValues.fixture("release-1.0", "node-heartbeat.json"));

        OpsSnapshot.Node node = LiveNodes.node(hash, Instant.ofEpochMilli(Long.parseLong(hash.get("seenAt"))));

        assertThat(node.release()).isEqualTo("1.0.0");
        assertThat(node.drainable()).isFalse();
        assertThat(node.drained()).isFalse();
        assertThat(LiveNodes.target(hash).drainable()).isFalse();
    }

    @Test
    void aHeartbeatOfALaterReleaseShowsTheReleaseAndPlaceInRotationItNames() {
        Map<String, String> hash = GoldenValues.hash(GoldenValues.fixture("next", "node-heartbeat.json"));

        OpsSnapshot.Node node = LiveNodes.node(hash, Instant.ofEpochMilli(Long.parseLong(hash.get("seenAt"))));

        assertThat(node.release()).isEqualTo("1.1.0-3f2a9c1");
        assertThat(node.drained()).isTrue();
    }
}
