package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The console warns while the live nodes run more than one release, and only then. */
class MixedReleasesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void nodesOfOneReleaseRaiseNoWarning() {
        OpsSnapshot snapshot = snapshot(node("web-tier-1", "1.1.0-3f2a9c1"), node("baking-worker-1", "1.1.0-3f2a9c1"));

        assertThat(snapshot.mixedReleases()).isFalse();
        assertThat(snapshot.releases()).containsExactly("1.1.0-3f2a9c1");
    }

    @Test
    void nodesOfTwoReleasesRaiseTheWarningNamingBoth() {
        OpsSnapshot snapshot = snapshot(node("web-tier-1", "1.1.0-3f2a9c1"), node("baking-worker-1", "1.0.0-0c0ffee"));

        assertThat(snapshot.mixedReleases()).isTrue();
        assertThat(snapshot.releases()).containsExactly("1.0.0-0c0ffee", "1.1.0-3f2a9c1");
    }

    private static OpsSnapshot snapshot(OpsSnapshot.Node... nodes) {
        return new OpsSnapshot(NOW, "web-tier-1", List.of(nodes), OpsSnapshot.Kafka.unreachable("not asked"));
    }

    private static OpsSnapshot.Node node(String id, String release) {
        return new OpsSnapshot.Node(id, id.substring(0, id.lastIndexOf('-')), "1.0.0", release, NOW, NOW, 0, 0, false, false);
    }
}
