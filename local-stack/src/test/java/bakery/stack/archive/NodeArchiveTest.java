package bakery.stack.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.servers.readiness.Probes;
import bakery.stack.process.Instance;
import bakery.stack.process.StackLayout;

/**
 * An operator looking into {@code .bakery/archive/} after a node went finds one folder per node and
 * moment, holding that node's own log (not the one of an earlier node with the same name), its
 * threads and its last metrics, or a note saying why there are none.
 */
class NodeArchiveTest {

    static final Instant AT = Instant.parse("2026-12-07T00:15:30.250Z");

    @TempDir
    Path home;

    NodeArchive archive() {
        return new NodeArchive(new StackLayout(home, home), new Probes(Duration.ofSeconds(2)), Duration.ofSeconds(20));
    }

    @Test
    void aKilledBakersArchiveHoldsItsOwnLogAndSaysWhyThereIsNoThreadDump() throws IOException {
        NodeArchive archive = archive();
        Path log = home.resolve("logs/baking-worker-1.log");
        archive.markStart("baking-worker-1", AT.minusSeconds(600));
        Files.writeString(log, "the first baker baked order 1\n", StandardOpenOption.APPEND);
        archive.markStart("baking-worker-1", AT.minusSeconds(60));
        Files.writeString(log, "the second baker baked order 2\n", StandardOpenOption.APPEND);
        Instance dead = new Instance("baking-worker", "baking-worker-1", 0, 8100, 9200, AT.minusSeconds(60), null);

        Path folder = archive.takeState(dead, false, "killed", AT);
        archive.keepLog(folder, dead);

        assertThat(folder).isEqualTo(home.resolve("archive/baking-worker-1-20261207T001530.250Z"));
        assertThat(Files.readString(folder.resolve(NodeArchive.LOG))).contains("the second baker baked order 2")
                .doesNotContain("the first baker");
        assertThat(Files.readString(folder.resolve(NodeArchive.THREADS))).startsWith("no thread dump: ")
                .contains("no longer running");
        assertThat(Files.readString(folder.resolve(NodeArchive.METRICS))).startsWith("no metrics: ");
        assertThat(Files.readString(folder.resolve(NodeArchive.ABOUT))).contains("node: baking-worker-1")
                .contains("running-when-archived: false").contains("reason: killed");
        // Both nodes' lines stay in the shared log: a new node with the same name never wipes it.
        assertThat(Files.readString(log)).contains("the first baker baked order 1", "the second baker baked order 2");
    }

    @Test
    void aLiveNodesArchiveHoldsItsThreadDumpAndItsMetricsPage() throws IOException {
        HttpServer management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        management.createContext("/q/metrics", exchange -> {
            byte[] body = "bake_requests_total 42.0\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        management.start();
        try {
            NodeArchive archive = archive();
            // This test's own JVM stands in for a live node: jcmd attaches to it as to any node.
            Instance live = new Instance("baking-worker", "baking-worker-2", ProcessHandle.current().pid(), 8101,
                    management.getAddress().getPort(), AT, null);

            Path folder = archive.takeState(live, true, "collected on demand", AT);
            archive.keepLog(folder, live);

            assertThat(Files.readString(folder.resolve(NodeArchive.THREADS))).contains("Full thread dump")
                    .contains("aLiveNodesArchiveHoldsItsThreadDumpAndItsMetricsPage");
            assertThat(Files.readString(folder.resolve(NodeArchive.METRICS))).isEqualTo("bake_requests_total 42.0\n");
            assertThat(folder.resolve(NodeArchive.LOG)).exists();
        } finally {
            management.stop(0);
        }
    }

    @Test
    void twoArchivesOfOneNodeAtTheSameMomentKeepBoth() {
        NodeArchive archive = archive();
        Instance dead = new Instance("web-tier", "web-1", 0, 8081, 9181, AT, null);

        Path first = archive.takeState(dead, false, "collected on demand", AT);
        Path second = archive.takeState(dead, false, "stack stopped", AT);

        assertThat(second).isNotEqualTo(first).hasFileName(first.getFileName() + "-2");
        assertThat(first.resolve(NodeArchive.ABOUT)).content().contains("collected on demand");
    }
}
