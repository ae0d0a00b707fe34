package bakery.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private static Instance node(Service s, int ordinal, int port) {
        return new Instance(s.module(), s.nodeId(ordinal), 1000 + port, port, port + 1100, NOW, NOW);
    }

    @Test
    void survivesAWriteAndReadUnchanged(@TempDir Path dir) {
        StateFile file = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock"));
        StackState state = new StackState(NOW, 20000, List.of(
                new Instance("kafka", "kafka", 42, 9092, NOW, NOW.minusSeconds(1)),
                node(Service.WEB_TIER, 1, 8081),
                new Instance("baking-worker", "baking-worker-1", 7, 8100, 9200, NOW, NOW, "1.0.0-SNAPSHOT-3f2a9c1")),
                "1.0.0-SNAPSHOT-3f2a9c1").drain("web-1");

        file.save(state);

        assertThat(file.load()).contains(state);
        assertThat(dir.resolve("stack.json.tmp")).doesNotExist();
    }

    @Test
    void noFileMeansNoStack(@TempDir Path dir) {
        assertThat(new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock")).load()).isEmpty();
    }

    @Test
    void isReadableJsonWithTheFieldsOpsLookFor(@TempDir Path dir) throws Exception {
        StateFile file = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock"));
        file.save(new StackState(NOW, 0, List.of(node(Service.BAKING_WORKER, 2, 8101))));

        assertThat(Files.readString(dir.resolve("stack.json")))
                .contains("\"service\" : \"baking-worker\"", "\"id\" : \"baking-worker-2\"", "\"port\" : 8101",
                        "\"managementPort\" : 9201",
                        "\"startedAt\" : \"2026-11-22T06:00:00Z\"");
    }

    @Test
    void aNodeHoldsTwoPortsAServerOneSoANewNodeTakesNeither() {
        StackState state = new StackState(NOW, 0,
                List.of(new Instance("kafka", "kafka", 42, 9092, NOW, NOW), node(Service.WEB_TIER, 1, 8081)));

        assertThat(state.ports()).containsExactlyInAnyOrder(9092, 8081, 9181);
        assertThat(PortPlan.next(9181, state.ports(), port -> true)).isEqualTo(9182);
    }

    @Test
    void aStateFileWrittenBeforeManagementPortsReadsAsNodesWithoutOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.json"), """
                {"startedAt": "2026-11-22T06:00:00Z", "portOffset": 0, "instances": [
                  {"service": "web-tier", "id": "web-1", "pid": 1, "port": 8081,
                   "startedAt": "2026-11-22T06:00:00Z", "processStart": "2026-11-22T06:00:00Z"}]}
                """);

        Instance web = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock")).load().orElseThrow().instances()
                .get(0);

        assertThat(web.port()).isEqualTo(8081);
        assertThat(web.managementPort()).isZero();
        assertThat(web.release()).as("a node started before releases were kept").isNull();
        assertThat(new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock")).load().orElseThrow().drained())
                .as("a state written before nodes could be drained").isEmpty();
    }

    @Test
    void anUpgradeRecordsTheReleaseRollbackReturnsToAndKeepsItThroughChanges(@TempDir Path dir) {
        StateFile file = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock"));
        StackState upgraded = new StackState(NOW, 0, List.of(node(Service.WEB_TIER, 1, 8081)), "1.0.0-a")
                .movedTo("1.1.0-b").with(node(Service.WEB_TIER, 2, 8082)).without("web-1").drain("web-2");

        file.save(upgraded);

        StackState read = file.load().orElseThrow();
        assertThat(read.release()).isEqualTo("1.1.0-b");
        assertThat(read.previousRelease()).isEqualTo("1.0.0-a");
        assertThat(read.movedTo("1.0.0-a").previousRelease()).as("a rollback's own way back").isEqualTo("1.1.0-b");
    }

    @Test
    void aStateFileWithFieldsOfALaterReleaseStillReads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.json"), """
                {"startedAt": "2026-11-22T06:00:00Z", "portOffset": 0, "instances": [], "release": "1.0.0-a",
                 "somethingLater": {"x": 1}}
                """);

        StackState read = new StateFile(dir.resolve("stack.json"), dir.resolve("stack.lock")).load().orElseThrow();

        assertThat(read.release()).isEqualTo("1.0.0-a");
        assertThat(read.previousRelease()).as("no upgrade yet").isNull();
    }

    @Test
    void reusesTheLowestFreeNodeNumber() {
        StackState state = new StackState(NOW, 0,
                List.of(node(Service.BAKING_WORKER, 1, 8100), node(Service.BAKING_WORKER, 3, 8102)));

        assertThat(state.nextOrdinal(Service.BAKING_WORKER)).isEqualTo(2);
        assertThat(state.nextOrdinal(Service.WEB_TIER)).isEqualTo(1);
    }

    @Test
    void listsNodesOfAServiceInNumberOrder() {
        StackState state = new StackState(NOW, 0, List.of(
                node(Service.BAKING_WORKER, 10, 8109), node(Service.WEB_TIER, 1, 8081), node(Service.BAKING_WORKER, 2, 8101)));

        assertThat(state.nodes(Service.BAKING_WORKER)).extracting(Instance::id).containsExactly("baking-worker-2",
                "baking-worker-10");
        assertThat(state.without("baking-worker-2").nodes(Service.BAKING_WORKER)).extracting(Instance::id)
                .containsExactly("baking-worker-10");
    }

    @Test
    void namesWebNodesShortAndAcceptsBothNames() {
        assertThat(Service.WEB_TIER.nodeId(1)).isEqualTo("web-1");
        assertThat(Service.parse("web")).isEqualTo(Service.WEB_TIER);
        assertThat(Service.parse("web-tier")).isEqualTo(Service.WEB_TIER);
        assertThat(Service.BAKING_WORKER.ordinalOf("baking-worker-12")).isEqualTo(12);
        assertThat(Service.BAKING_WORKER.ordinalOf("web-1")).isEqualTo(-1);
    }
}
