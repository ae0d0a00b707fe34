package bakery.stack.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;

class ScrapeTargetsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    /** A node whose management port is its public port plus 1100, as the stack's base ports are. */
    private static Instance node(Service s, int ordinal, int port) {
        return new Instance(s.module(), s.nodeId(ordinal), 1000 + port, port, port + 1100, NOW, NOW);
    }

    @Test
    void everyNodeIsScrapedOnItsManagementPortAsATargetOfItsServicesJobNamedByServiceAndNode() {
        StackState state = new StackState(NOW, 0, List.of(
                new Instance("kafka", "kafka", 42, 9092, NOW, NOW),
                node(Service.WEB_TIER, 1, 8081), node(Service.WEB_TIER, 2, 8082), node(Service.BAKING_WORKER, 1, 8100)));

        var files = ScrapeTargets.of(state);

        assertThat(files.get("web-tier.json")).extracting(ScrapeTargets.Target::targets)
                .containsExactly(List.of("127.0.0.1:9181"), List.of("127.0.0.1:9182"));
        assertThat(files.get("web-tier.json").get(1).labels()).containsEntry("job", "web-tier")
                .containsEntry("service", "web-tier").containsEntry("node", "web-2");
        assertThat(files.get("baking-worker.json")).singleElement()
                .satisfies(t -> assertThat(t.labels()).containsEntry("node", "baking-worker-1"));
        assertThat(files.values().stream().flatMap(List::stream).flatMap(t -> t.targets().stream()))
                .as("servers are not bakery nodes").doesNotContain("127.0.0.1:9092")
                .as("the public ports serve no metrics").doesNotContain("127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8100");
    }

    @Test
    void aServiceScaledToZeroLeavesAnEmptyListSoItsRemovedNodesDisappear(@TempDir Path dir) throws Exception {
        ScrapeTargets.write(dir,
                new StackState(NOW, 0, List.of(node(Service.BAKING_WORKER, 1, 8100), node(Service.BAKING_WORKER, 2, 8101))));
        ScrapeTargets.write(dir, new StackState(NOW, 0, List.of()));

        JsonNode bakers = StateFile.JSON.readTree(dir.resolve("baking-worker.json").toFile());
        assertThat(bakers.isArray()).isTrue();
        assertThat(bakers).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no half-written list left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
