package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.stack.process.Instance;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;
import bakery.testkit.Await;

class MixedReleasesTest {

    static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    static final String OLD = "1.0.0-SNAPSHOT-5787602";
    static final String NEW = "1.0.0-SNAPSHOT-9a8b7c6";
    static final Instance KAFKA = new Instance("kafka", "kafka", 40, 9092, NOW, NOW);

    static Instance node(String id, String release) {
        return new Instance("web-tier", id, 100 + id.length(), 8081, 9181, NOW, NOW, release);
    }

    static StackState stack(Instance... nodes) {
        List<Instance> all = new ArrayList<>(List.of(KAFKA));
        all.addAll(List.of(nodes));
        return new StackState(NOW, 0, all, OLD);
    }

    @Test
    void nodesOfTwoReleasesAreMixedServersAndOneReleaseAreNot() {
        assertThat(MixedReleases.mixed(stack(node("web-1", OLD), node("web-2", OLD)))).isFalse();
        assertThat(MixedReleases.mixed(stack(node("web-1", OLD), node("web-3", NEW)))).isTrue();
        assertThat(MixedReleases.mixed(stack(node("web-3", NEW), node("web-4", NEW)))).isFalse();
        assertThat(MixedReleases.mixed(stack())).as("servers only").isFalse();
    }

    @Test
    void countsOnlyTheTimeTwoReleasesServed(@TempDir Path dir) {
        StateFile file = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock"));
        file.save(stack(node("web-1", OLD)));
        try (MixedReleases mixed = MixedReleases.watch(file, Duration.ofMillis(20))) {
            file.save(stack(node("web-1", OLD), node("web-2", NEW)));
            Await.within(Duration.ofSeconds(10), "two seconds seen mixed").until(() -> mixed.seconds() >= 2);
            file.save(stack(node("web-2", NEW)));
            long atSwitch = mixed.seconds();
            // One release again: a second and a half of readings later the count still stands.
            Await.within(Duration.ofSeconds(10), "the count standing while one release runs").during(Duration.ofMillis(1500))
                    .until(() -> mixed.seconds() <= atSwitch + 1);
            assertThat(mixed.seconds()).isBetween(2L, 3L);
        }
    }
}
