package bakery.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.servers.metrics.MetricsPage;
import bakery.stack.BakeryCli;
import bakery.stack.archive.NodeArchive;
import bakery.testkit.Await;

/**
 * The short CI version of ./bakery chaos: one stack (its own home and ports, fast ovens), then a
 * baking worker killed under load, a web node killed under load, and the bakers scaled 4 -> 1 -> 4
 * under load. Each scenario must end with nothing lost and nothing baked, readied or e-mailed twice.
 * On the same stack, the verdict itself: ovens too slow to finish within the wait leave orders late,
 * not lost, and the run passes; orders skipped behind the bakery's back are lost, and the run fails.
 * Also on this stack: a killed baker's log is archived, not lost behind its replacement; collect keeps
 * a live node's threads, metrics and log; a drained web node gets no requests and stays up, a drained
 * baker leaves its consumer group and stays up; after the scaling, status shows every baker in its group;
 * and {@code up} migrated the schema in one run before order-service started.
 */
class CrashesAndScalingUnderLoadLoseNothingIT {

    static final BakeryCli BAKERY = BakeryCli.stack("chaos-it", 21000, Map.of(
            // Short bakes and short leases, so orders in a killed oven are baked again within seconds.
            "OVEN_SPEED_FACTOR", "0.02",
            "OVEN_LEASE_TTL", "5s",
            // A killed node's partitions wait for its consumer session to expire (45 s by default) before
            // another node takes them; a short session moves them on within seconds. Quarkus hands every
            // KAFKA_* variable to each channel of each node the stack starts.
            "KAFKA_SESSION_TIMEOUT_MS", "10000",
            "BAKERY_CHAOS_WARM_UP", "3s",
            "BAKERY_CHAOS_RECOVERY", "5s",
            "BAKERY_CHAOS_KILL_INTERVAL", "2s",
            "BAKERY_CHAOS_POLL_INTERVAL", "1s",
            "BAKERY_CHAOS_IDLE_GRACE", "5s",
            "BAKERY_CHAOS_IDLE_STANDING", "15s"), Duration.ofMinutes(6));
    static final String SHORT = "8s";

    @BeforeAll
    static void up() throws Exception {
        BAKERY.deleteHome();
        BAKERY.succeeds("up", "--web", "2", "--orders", "1", "--baking", "2", "--notify", "1");
    }

    @AfterAll
    static void down() throws Exception {
        BAKERY.succeeds("down");
    }

    @Test
    void listsEveryScenarioOnePerLine() throws Exception {
        assertThat(BAKERY.run("chaos", "--list").output().lines())
                .containsExactly("kill-baker", "crash-baker", "kill-web", "restart-kafka", "stop-postgres", "stop-redis",
                        "scale-bakers", "upgrade");
    }

    @Test
    void bakersKilledUnderLoadLoseAndRepeatNoOrder() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "kill-baker", "--duration", SHORT));

        // Each killed baker was replaced by a node of the same name; what the dead one logged is archived.
        List<Path> killed = archives("baking-worker-").stream()
                .filter(folder -> read(folder.resolve(NodeArchive.ABOUT)).contains("running-when-archived: false")).toList();
        assertThat(killed).as("archives of killed bakers").isNotEmpty();
        for (Path folder : killed) {
            assertThat(read(folder.resolve(NodeArchive.LOG))).as(folder.toString()).contains("started in");
            assertThat(read(folder.resolve(NodeArchive.THREADS))).startsWith("no thread dump: ");
        }
    }

    @Test
    void aBakerKilledUnderLoadIsReplacedByTheStacksControllerWithinTenSecondsAndNoOrderIsLost() throws Exception {
        Path log = Files.createTempFile("bakery-autoscale", ".log");
        // The stack's controller keeps the counts; --keep-only leaves the calendar and the lag out of this test.
        Process controller = BAKERY.start(log, "autoscale", "--keep-only");
        try {
            Await.within(Duration.ofSeconds(60), "the controller watching")
                    .until(() -> read(log).contains("replacing a dead node within"));
            BakeryCli.Result chaos = BAKERY.run("chaos", "crash-baker", "--duration", SHORT);
            assertCleanVerdict(chaos);
            assertThat(chaos.output()).contains("replaced by the stack's controller");
            assertThat(read(log)).containsPattern("baking-worker: \\d+ of \\d+ running; replacing the dead node\\(s\\)");
        } finally {
            controller.destroy();
            controller.waitFor();
            System.out.println("$ ./bakery autoscale --keep-only\n" + read(log));
        }
        JsonNode status = BAKERY.status();
        JsonNode bakers = null;
        for (JsonNode service : status.get("services")) {
            if (service.get("service").asText().equals("baking-worker")) {
                bakers = service;
            }
        }
        assertThat(bakers).isNotNull();
        assertThat(bakers.get("running").asInt()).isEqualTo(bakers.get("desired").asInt()).isPositive();
    }

    @Test
    void collectArchivesALiveNodesThreadsMetricsAndLogAndLeavesItRunning() throws Exception {
        BAKERY.succeeds("collect", "web-1");

        Path folder = archives("web-1-").stream()
                .filter(f -> read(f.resolve(NodeArchive.ABOUT)).contains("reason: collected on demand")).findFirst()
                .orElseThrow();
        assertThat(read(folder.resolve(NodeArchive.THREADS))).contains("Full thread dump");
        assertThat(read(folder.resolve(NodeArchive.METRICS))).contains("jvm_threads_live_threads").contains("node=\"web-1\"");
        assertThat(read(folder.resolve(NodeArchive.LOG))).contains("started in");
        JsonNode status = BAKERY.status();
        assertThat(node(status, "web-1").get("ready").asBoolean()).isTrue();
        // Every node runs the one release ./bakery up kept, and says so itself.
        assertThat(node(status, "web-1").get("release").asText()).startsWith("1.")
                .matches(".*-(\\p{XDigit}{7}|nogit)(-dirty)?");
        assertThat(status.get("mixedReleases").asBoolean()).isFalse();

        BakeryCli.Result unknown = BAKERY.run("collect", "baking-worker-99");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("no node baking-worker-99");
    }

    @Test
    void aDrainedNodeGetsNoWorkAndKeepsRunningUntilPutBack() throws Exception {
        BAKERY.succeeds("drain", "web-2");
        try {
            JsonNode web2 = node(BAKERY.status(), "web-2");
            assertThat(web2.get("drained").asBoolean()).isTrue();
            assertThat(web2.get("ready").asBoolean()).as("kept running for diagnosis").isTrue();
            JsonNode web1 = node(BAKERY.status(), "web-1");
            double web1Before = pagesServed(web1);
            double web2Before = pagesServed(web2);
            HttpClient http = HttpClient.newHttpClient();
            for (int n = 0; n < 20; n++) {
                // Any answer of a node will do (the shop page is 503 while the catalog is not reachable yet).
                HttpResponse<Void> page = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BAKERY.port(8080) + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(page.statusCode()).as("answered by a web node, not by nginx").isNotIn(502, 504);
            }
            assertThat(pagesServed(web1)).as("requests web-1 served").isGreaterThanOrEqualTo(web1Before + 20);
            assertThat(pagesServed(web2)).as("requests web-2 served while drained").isEqualTo(web2Before);
        } finally {
            BAKERY.succeeds("undrain", "web-2");
        }
        assertThat(node(BAKERY.status(), "web-2").get("drained").asBoolean()).isFalse();

        // A baker leaves its consumer group and stays up: alive, not ready, until put back.
        BAKERY.succeeds("drain", "baking-worker-1");
        try {
            JsonNode baker = node(BAKERY.status(), "baking-worker-1");
            assertThat(baker.get("drained").asBoolean()).isTrue();
            assertThat(baker.get("running").asBoolean()).as("kept running for diagnosis").isTrue();
            assertThat(baker.get("ready").asBoolean()).as("out of its consumer group, so not ready").isFalse();
        } finally {
            BAKERY.succeeds("undrain", "baking-worker-1");
        }
        JsonNode baker = node(BAKERY.status(), "baking-worker-1");
        assertThat(baker.get("drained").asBoolean()).isFalse();
        assertThat(baker.get("ready").asBoolean()).as("back in its consumer group").isTrue();
    }

    /** What the node itself counted on its public port (its management port's /q/* is not counted there). */
    private static double pagesServed(JsonNode node) throws IOException, InterruptedException {
        String page = HttpClient.newHttpClient()
                .send(HttpRequest
                        .newBuilder(URI.create("http://127.0.0.1:" + node.get("managementPort").asInt() + "/q/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return MetricsPage.parse(page).samples().stream()
                .filter(s -> s.name().equals("http_server_requests_seconds_count")
                        && !s.labels().getOrDefault("uri", "").startsWith("/q"))
                .mapToDouble(MetricsPage.Sample::value).sum();
    }

    private static JsonNode node(JsonNode status, String id) {
        return BakeryCli.instances(status).stream().filter(i -> i.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static List<Path> archives(String prefix) throws IOException {
        Path archive = BAKERY.home().resolve("archive");
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (var folders = Files.list(archive)) {
            return folders.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWebNodeKilledUnderLoadLosesNoOrderAndNoCart() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "kill-web", "--duration", SHORT));

        // The load has stopped: the rates status shows are those of a window ending now.
        JsonNode status = BAKERY.status();
        assertThat(status.at("/figures/ordersPerSecond/placed").isMissingNode()).as(status.toString()).isFalse();
        assertThat(status.at("/figures/ordersPerSecond/placed").asDouble()).isZero();
        assertThat(status.get("backlogs").findValuesAsText("group"))
                .containsExactlyInAnyOrder("order-service", "baking-worker", "notification-worker");
    }

    @Test
    void ovensTooSlowToFinishWithinTheWaitLeaveOrdersLateNotLost() throws Exception {
        // A baker four times slower than real (one to four minutes an order) and a wait of seconds: the
        // orders are still in its oven when the wait ends. The load, sized to that oven, is an order or two.
        BAKERY.succeeds("scale", "baking-worker=0");
        // Its scale-in hands the unfinished orders back after OVEN_DRAIN_TIMEOUT instead of baking them for 20 s.
        BakeryCli slow = BAKERY.with(Map.of("OVEN_SPEED_FACTOR", "4", "BAKERY_CHAOS_DRAIN_TIMEOUT", "3s",
                "OVEN_DRAIN_TIMEOUT", "2s"));
        try {
            slow.succeeds("scale", "baking-worker=1");
            BakeryCli.Result chaos = slow.run("chaos", "kill-web", "--duration", "4s");

            assertThat(chaos.lastLine()).as(chaos.output()).startsWith("lost=0 late=").doesNotContain("late=0 ")
                    .contains(" duplicated=0 ");
            assertThat(chaos.output()).contains("oldest late order");
            assertThat(chaos.exit()).as(chaos.output()).isZero();
        } finally {
            BAKERY.succeeds("scale", "baking-worker=0");
            BAKERY.succeeds("scale", "baking-worker=2");
        }
    }

    @Test
    void ordersSkippedBehindTheBakerysBackAreLostAndTheRunFails() throws Exception {
        BakeryCli.Result chaos = BAKERY.run("chaos", "lose-orders", "--duration", "4s");

        assertThat(chaos.lastLine()).as(chaos.output()).startsWith("lost=").doesNotStartWith("lost=0 ");
        assertThat(chaos.output()).contains("lost order ");
        assertThat(chaos.exit()).as(chaos.output()).isEqualTo(1);
    }

    @Test
    void bakersScaledDownAndUpUnderLoadLoseAndRepeatNoOrder() throws Exception {
        assertCleanVerdict(BAKERY.run("chaos", "scale-bakers", "--duration", SHORT));

        // What ops read in ./bakery status afterwards: every baker running is a member of its group, which
        // commits; a web node's live feed (which commits nothing) is not shown as lagging the whole topic.
        JsonNode groups = Await.within(Duration.ofSeconds(60), "every baker a member of the baking-worker group")
                .until(BAKERY::status, status -> group(status, "baking-worker").path("members").asInt() == BakeryCli
                        .instances(status).stream().filter(i -> i.get("service").asText().equals("baking-worker")).count())
                .get("consumerGroups");
        assertThat(group(groups, "baking-worker").get("committed").asBoolean()).isTrue();
        List<JsonNode> web = new ArrayList<>();
        groups.forEach(g -> {
            if (g.get("group").asText().startsWith("web-")) {
                web.add(g);
            }
        });
        assertThat(web).hasSize(2).allSatisfy(g -> assertThat(g.get("committed").asBoolean()).as(g.get("group").asText())
                .isFalse());
    }

    @Test
    void theSchemaWasMigratedOnceByUpsOwnRunAndTheOrderServiceNodeOnlyValidatedIt() throws Exception {
        String migration = Files.readString(BAKERY.home().resolve("logs/order-service-migrate.log"));
        assertThat(migration).as("the migration run of up").contains("Successfully applied");

        String node = Files.readString(BAKERY.home().resolve("logs/order-service-1.log"));
        assertThat(node).as("order-service-1 checks the schema its release expects").contains("Successfully validated");
        assertThat(node).as("but leaves migrating to the release's one run").doesNotContain("Successfully applied",
                "No migration necessary");
    }

    /** One consumer group of {@code ./bakery status --json} (or of its {@code consumerGroups}), missing when absent. */
    private static JsonNode group(JsonNode statusOrGroups, String name) {
        JsonNode groups = statusOrGroups.has("consumerGroups") ? statusOrGroups.get("consumerGroups") : statusOrGroups;
        for (JsonNode g : groups) {
            if (g.get("group").asText().equals(name)) {
                return g;
            }
        }
        return MissingNode.getInstance();
    }

    private static void assertCleanVerdict(BakeryCli.Result chaos) {
        String verdict = chaos.lastLine();
        assertThat(verdict).startsWith("lost=0 late=").contains(" duplicated=0 ").contains("carts-lost=0")
                .doesNotContain("accepted=0 ");
        assertThat(chaos.exit()).as(chaos.output()).isZero();
    }
}
