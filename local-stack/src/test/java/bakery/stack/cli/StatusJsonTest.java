package bakery.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import bakery.stack.figures.KeyFigures;
import bakery.stack.process.StateFile;

class StatusJsonTest {

    @Test
    void statusJsonCarriesEachInstanceAndTheKeyFigures() throws Exception {
        var report = new StatusCommand.Report(true,
                List.of(new StatusCommand.InstanceStatus("baking-worker", "baking-worker-1", 4242, 8100, 9200, true, true,
                        180_000L, 12L, "1.0.0-SNAPSHOT-3f2a9c1")),
                List.of(), null,
                new KeyFigures.Figures(Duration.ofSeconds(2), Map.of("ready", 3.5), Map.of("placed-to-ready", 1.2), 0),
                List.of());

        JsonNode json = StateFile.JSON.readTree(StateFile.JSON.writeValueAsString(report));

        JsonNode baker = json.get("instances").get(0);
        assertThat(baker.get("service").asText()).isEqualTo("baking-worker");
        assertThat(baker.get("id").asText()).isEqualTo("baking-worker-1");
        assertThat(baker.get("pid").asLong()).isEqualTo(4242);
        assertThat(baker.get("port").asInt()).isEqualTo(8100);
        assertThat(baker.get("managementPort").asInt()).isEqualTo(9200);
        assertThat(baker.get("ready").asBoolean()).isTrue();
        assertThat(baker.get("release").asText()).isEqualTo("1.0.0-SNAPSHOT-3f2a9c1");
        assertThat(json.get("releases")).hasSize(1);
        assertThat(json.get("mixedReleases").asBoolean()).isFalse();
        assertThat(json.get("figures").get("ordersPerSecond").get("ready").asDouble()).isEqualTo(3.5);
    }

    @Test
    void aDeadNodeCountsAsDesiredButNotRunning() throws Exception {
        var report = new StatusCommand.Report(true,
                List.of(new StatusCommand.InstanceStatus("baking-worker", "baking-worker-1", 4242, 8100, 9200, true, true,
                        180_000L, 12L, "r"),
                        new StatusCommand.InstanceStatus("baking-worker", "baking-worker-2", 4243, 8101, 9201, false, false,
                                null, null, null),
                        new StatusCommand.InstanceStatus("kafka", "kafka", 2, 9092, 0, true, true, 300_000L, 300L, null)),
                List.of(), null, null, List.of());

        JsonNode json = StateFile.JSON.readTree(StateFile.JSON.writeValueAsString(report));

        Map<String, JsonNode> services = new java.util.HashMap<>();
        json.get("services").forEach(s -> services.put(s.get("service").asText(), s));
        assertThat(services.get("baking-worker").get("desired").asInt()).isEqualTo(2);
        assertThat(services.get("baking-worker").get("running").asInt()).isEqualTo(1);
        assertThat(services.get("web-tier").get("desired").asInt()).isZero();
        assertThat(services).doesNotContainKey("kafka");
    }

    @Test
    void ratesAreReadFromTheServiceNodesNotThroughTheBalancer() {
        // The balancer hands each read to another web node: two reads through it are two nodes' counters.
        List<StatusCommand.InstanceStatus> rows = List.of(
                new StatusCommand.InstanceStatus("nginx", "nginx", 1, 8080, 0, true, true, 6_000L, 300L, null),
                new StatusCommand.InstanceStatus("kafka", "kafka", 2, 9092, 0, true, true, 300_000L, 300L, null),
                new StatusCommand.InstanceStatus("web-tier", "web-1", 3, 8081, 9181, true, true, 190_000L, 300L,
                        "1.0.0-SNAPSHOT-3f2a9c1"),
                new StatusCommand.InstanceStatus("web-tier", "web-2", 4, 8082, 9182, true, false, 190_000L, 3L,
                        "1.0.0-SNAPSHOT-3f2a9c1"),
                new StatusCommand.InstanceStatus("baking-worker", "baking-worker-1", 5, 8100, 9200, true, true, 160_000L,
                        300L, "1.0.0-SNAPSHOT-3f2a9c1"));

        // Each node on its own management port, where its metrics answer.
        assertThat(StatusCommand.metricsPorts(rows)).containsExactly(9181, 9200);
    }

    @Test
    void statusWarnsWhileServiceNodesRunMixedReleases() {
        List<StatusCommand.InstanceStatus> rows = List.of(
                new StatusCommand.InstanceStatus("kafka", "kafka", 2, 9092, 0, true, true, 300_000L, 300L, null),
                new StatusCommand.InstanceStatus("web-tier", "web-1", 3, 8081, 9181, true, true, 190_000L, 300L,
                        "1.0.0-3f2a9c1"),
                new StatusCommand.InstanceStatus("web-tier", "web-2", 4, 8082, 9182, true, true, 190_000L, 3L,
                        "1.1.0-9bc0d12"),
                // A node that is gone runs nothing: its release no longer counts.
                new StatusCommand.InstanceStatus("baking-worker", "baking-worker-1", 5, 8100, 9200, false, false, null, null,
                        "0.9.0-0000000"));

        var report = new StatusCommand.Report(true, rows, List.of(), null, null, List.of());

        assertThat(report.releases()).containsExactly("1.0.0-3f2a9c1", "1.1.0-9bc0d12");
        assertThat(report.mixedReleases()).isTrue();
        assertThat(new StatusCommand.Report(true, rows.subList(0, 2), List.of(), null, null, List.of()).mixedReleases())
                .isFalse();
    }
}
