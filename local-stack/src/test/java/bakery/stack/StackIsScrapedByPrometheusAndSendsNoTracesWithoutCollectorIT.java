package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.servers.process.Pids;
import bakery.servers.process.Programs;
import bakery.stack.monitoring.Prometheus;
import bakery.testkit.Await;
import bakery.testkit.Traceparent;

/**
 * A small stack from {@code ./bakery up}: its Prometheus (when installed) scrapes every node's
 * management port and follows {@code ./bakery scale}; only the balancer answers on the machine's
 * address, and health and metrics answer on the management ports alone; and with no OTLP endpoint
 * named, an order traced by its caller sends no span anywhere while its trace id still reaches the
 * notifier's log. The same stack also takes a short sizing run ({@code ./bakery capacity --short}), which
 * must write its findings from what it measured on it, and a short benchmark ({@code ./bakery bench --short}), which
 * must run every step a newcomer's {@code ./bakery bench} runs, from this checkout as it is.
 */
class StackIsScrapedByPrometheusAndSendsNoTracesWithoutCollectorIT {

    static final int OFFSET = 23000;
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    static final Duration SCRAPED = Duration.ofSeconds(60);
    static final Duration ORDER_READY = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Listens where the services' exporter would send spans (Quarkus' own endpoint property), while
     * OTEL_EXPORTER_OTLP_ENDPOINT, the bakery's switch, stays unset: a connection is a span sent.
     */
    static ServerSocket collector;
    static final AtomicInteger exportAttempts = new AtomicInteger();
    static BakeryCli bakery;
    static final List<Long> pidsSeen = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread listener = new Thread(StackIsScrapedByPrometheusAndSendsNoTracesWithoutCollectorIT::countExports,
                "otlp-listener");
        listener.setDaemon(true);
        listener.start();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getLocalPort());
        // A span that is sampled leaves within this delay, long before the order is ready.
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        env.put("OVEN_SPEED_FACTOR", "0.05");
        bakery = BakeryCli.stack("prometheus-it", OFFSET, env, COMMAND_TIMEOUT);
        bakery.deleteHome();
        BakeryCli.Result up = bakery.succeeds("up", "--web", "1", "--orders", "1", "--baking", "1", "--notify", "1",
                "--no-grafana");
        if (Prometheus.find().isPresent()) {
            assertThat(up.output()).contains("http://localhost:" + bakery.port(9090) + "/");
        } else {
            assertThat(up.output()).contains("apt-get install -y prometheus").contains("./bakery status");
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (bakery != null) {
            pidsSeen.addAll(pids(bakery.status()));
            bakery.succeeds("down");
            assertThat(pidsSeen).as("processes of the stack still running after down")
                    .noneMatch(pid -> Pids.isRunning(pid, null));
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void prometheusScrapesEveryNodeAndANodeAddedByScale() throws Exception {
        assumeTrue(Prometheus.find().isPresent(),
                "prometheus is not installed (apt-get install prometheus; ./bakery test installs it as root)");
        JsonNode status = bakery.status();
        JsonNode prometheus = instance(status, "prometheus");
        assertThat(prometheus).as("prometheus in ./bakery status").isNotNull();
        assertThat(prometheus.get("ready").asBoolean()).isTrue();
        assertThat(prometheus.get("port").asInt()).isEqualTo(bakery.port(9090));
        pidsSeen.addAll(pids(status));

        awaitScrapedAndUp(nodeIds(status));

        bakery.succeeds("scale", "baking-worker=2");
        JsonNode scaled = bakery.status();
        pidsSeen.addAll(pids(scaled));
        List<String> nodes = nodeIds(scaled);
        assertThat(nodes).contains("baking-worker-2");
        Map<String, JsonNode> targets = awaitScrapedAndUp(nodes);
        assertThat(targets.get("baking-worker-2").get("labels").get("job").asText()).isEqualTo("baking-worker");

        bakery.succeeds("scale", "baking-worker=1");
        Await.within(SCRAPED, "baking-worker-2 no longer a target")
                .until(() -> !activeTargets().containsKey("baking-worker-2"));
    }

    @Test
    void anOrderTracedByItsCallerSendsNoSpanWithoutCollectorYetItsTraceIdReachesTheLogs() throws Exception {
        Storefront shop = new Storefront(bakery.port(8080), Duration.ofSeconds(10));
        CookieManager customer = new CookieManager();
        // A busy machine can make the first catalog fetch from order-service time out (503); a customer reloads.
        JsonNode catalog = Await.within(ORDER_READY, "the catalog").until(() -> shop.get("/api/catalog", customer),
                answer -> answer.status() == 200).body();
        JsonNode products = catalog.isArray() ? catalog : catalog.get("products");
        assertThat(shop
                .post("/api/cart/items", Map.of("sku", products.get(0).get("sku").asText(), "quantity", 1), Map.of(), customer)
                .status())
                .isBetween(200, 299);
        // The caller asks for its trace to be sampled; only a named collector may make that happen.
        String traceparent = Traceparent.fresh();
        Storefront.Answer receipt = shop.post("/api/checkout",
                Map.of("name", "Ada", "email", "ada@example.com", "pickupAt",
                        Instant.now().plus(7, ChronoUnit.DAYS).toString()),
                Map.of("Idempotency-Key", "it-" + UUID.randomUUID(), Traceparent.HEADER, traceparent), customer);
        assertThat(receipt.status()).as("checkout: %s", receipt.body()).isEqualTo(202);
        String orderId = receipt.body().get("orderId").asText();

        Await.within(ORDER_READY, "order " + orderId + " READY").until(
                () -> shop.get("/api/orders/" + orderId, customer).body().get("status").asText(),
                s -> s.equals("READY") || s.equals("PICKED_UP"));
        String traceId = Traceparent.traceId(traceparent);
        Await.within(ORDER_READY, "a node's log line carrying trace " + traceId).until(() -> logsContain(traceId));

        assertThat(exportAttempts.get()).as("connections to the OTLP endpoint nobody named").isZero();
        assertThat(logsContain("Failed to export")).as("an export error in .bakery/logs").isFalse();
    }

    @Test
    void onlyTheBalancerFacesTheNetworkAndHealthAndMetricsAnswerOnTheManagementPortsAlone() throws Exception {
        JsonNode status = bakery.status();
        List<JsonNode> nodes = BakeryCli.instances(status).stream().filter(i -> i.get("managementPort").asInt() > 0).toList();
        assertThat(nodes).extracting(n -> n.get("service").asText())
                .contains("web-tier", "order-service", "baking-worker", "notification-worker");
        for (JsonNode node : nodes) {
            String id = node.get("id").asText();
            int port = node.get("port").asInt();
            int management = node.get("managementPort").asInt();
            assertThat(management).as("%s has a port of its own for health and metrics", id).isNotEqualTo(port);
            assertThat(httpStatus(InetAddress.getLoopbackAddress(), port, "/q/health/ready")).as("%s public port", id)
                    .isEqualTo(404);
            assertThat(httpStatus(InetAddress.getLoopbackAddress(), port, "/q/metrics")).as("%s public port", id)
                    .isEqualTo(404);
            assertThat(httpStatus(InetAddress.getLoopbackAddress(), management, "/q/health/ready")).as("%s readiness", id)
                    .isEqualTo(200);
            assertThat(httpStatus(InetAddress.getLoopbackAddress(), management, "/q/metrics")).as("%s metrics", id)
                    .isEqualTo(200);
        }
        InetAddress outside = machineAddress();
        assumeTrue(outside != null, "the machine has no address besides the loopback to knock from");
        assertThat(httpStatus(outside, bakery.port(8080), "/balancer/health")).as("the balancer on %s", outside)
                .isEqualTo(200);
        for (JsonNode node : nodes) {
            for (String port : List.of("port", "managementPort")) {
                assertThat(accepts(outside, node.get(port).asInt())).as("%s's %s on %s", node.get("id").asText(), port, outside)
                        .isFalse();
            }
        }
    }

    @Test
    void aShortCapacityRunWritesItsFindingsFromWhatItMeasured() throws Exception {
        BakeryCli.Result run = bakery.succeeds("capacity", "--short", "--target", "600/min");

        Matcher files = Pattern.compile("Capacity\\s+(\\S+capacity\\.json)\\s+(\\S+capacity\\.md)").matcher(run.output());
        assertThat(files.find()).as("the run names its files:%n%s", run.output()).isTrue();
        JsonNode report = JSON.readTree(Path.of(files.group(1)).toFile());
        JsonNode steps = report.get("steps");
        assertThat(steps.size()).as("steps run").isBetween(1, 2);
        for (JsonNode step : steps) {
            int orders = step.get("orders").asInt();
            assertThat(orders).as("orders accepted in a step").isPositive();
            // the rate is what the customers got accepted in the step's own time, not the rate asked
            assertThat(step.get("ordersPerSecond").asDouble()).isCloseTo(orders / step.get("seconds").asDouble(),
                    within(0.01));
            assertThat(step.get("checkoutP99Millis").asLong()).as("checkout p99, timed by the customers").isPositive();
        }
        assertThat(report.get("tiers")).extracting(t -> t.get("service").asText()).containsExactly("web-tier",
                "order-service", "baking-worker", "notification-worker");
        JsonNode sizing = report.get("sizing");
        JsonNode ovens = sizing.get("ovens");
        assertThat(ovens.get("speedFactor").asDouble()).isEqualTo(0.05);
        // bakes timed at 0.05 of the real oven time stand for the catalog's 18-55 s (and the timers' overhead)
        assertThat(ovens.get("ovenSeconds").asDouble()).isBetween(15.0, 70.0);
        JsonNode kafka = sizing.get("kafka");
        assertThat(kafka.get("brokerRecordsPerSecond").asDouble()).as("what ProducerPerformance measured").isPositive();
        // an order writes orders.placed, bake.requests, two bake.events and its status changes
        assertThat(kafka.get("recordsPerOrder").asDouble()).isBetween(4.0, 12.0);
        JsonNode postgres = sizing.get("postgres");
        assertThat(postgres.get("maxConnections").asInt()).as("read from PostgreSQL").isPositive();
        assertThat(postgres.get("commitsPerOrder").asDouble()).isPositive();
        for (String service : List.of("web-tier", "order-service", "baking-worker", "notification-worker")) {
            assertThat(sizing.get("instances").get(service).get("instances").asInt()).as(service).isGreaterThanOrEqualTo(2);
        }
        assertThat(sizing.get("cost").get("hourly").decimalValue()).isPositive();
        assertThat(run.output()).contains("For 600 orders/min").contains("Cost:");
        assertThat(Files.readString(Path.of(files.group(2)))).contains(report.get("machine").get("cpu").asText())
                .contains("| step: asked orders/s");
    }

    @Test
    void aShortBenchRunsEveryStepOnAFreshCheckoutAndWritesItsSummary() throws Exception {
        assumeTrue(hasProgram("wrk") && hasProgram("redis-benchmark"),
                "wrk and redis-benchmark are not installed (apt-get install wrk redis-tools; ./bakery test installs them as root)");
        // Gatling runs through Maven from this working tree: nothing of the bakery is installed in the local repository.
        BakeryCli.Result run = bakery.succeeds("bench", "--short");

        Matcher files = Pattern.compile("Summary\\s+(\\S+summary\\.md)\\s+(\\S+summary\\.json)").matcher(run.output());
        assertThat(files.find()).as("the run names its files:%n%s", run.output()).isTrue();
        JsonNode summary = JSON.readTree(Path.of(files.group(2)).toFile());
        assertThat(summary.get("conditions").get("shortRun").asBoolean()).isTrue();
        assertThat(Files.readString(Path.of(files.group(1)))).contains("A short run");
        // the machine's limits, through the same balancer and servers
        assertThat(summary.get("trivialGetPerSecond").asDouble()).as("wrk's trivial GET").isPositive();
        assertThat(summary.get("baselines").get("kafkaRecordsPerSecond").asDouble()).as("ProducerPerformance").isPositive();
        assertThat(summary.get("baselines").get("redisSetPerSecond").asDouble()).as("redis-benchmark").isPositive();
        // a node added alone, and baking with one and two workers
        assertThat(summary.get("nodeStarts")).extracting(n -> n.get("node").asText()).containsExactly("baking-worker-2");
        assertThat(summary.get("nodeStarts").get(0).get("seconds").asDouble()).isPositive();
        assertThat(summary.get("bakingScaling")).extracting(st -> st.get("instances").asInt()).containsExactly(1, 2);
        // CPU per order, from the orders of a fixed load counted until every group is back at lag 0
        assertThat(summary.get("cpuPerOrderInTrivialGets").asDouble()).as("CPU per order in trivial GETs").isPositive();
        // Gatling's mix and capacity phase, then customers at half that capacity, every one of their orders accepted
        assertThat(summary.get("checkoutPerSecond").asDouble()).as("checkout capacity").isPositive();
        assertThat(summary.get("requests")).as("Gatling's requests").isNotEmpty();
        assertThat(summary.get("orderTimes").get("placedToAccepted").get("count").asInt()).as("mix orders accepted")
                .isPositive();
        JsonNode half = summary.get("halfCapacity");
        assertThat(half.isNull()).as("half-capacity phase measured:%n%s", run.output()).isFalse();
        assertThat(half.get("orders").asInt()).isPositive();
        assertThat(half.get("notAccepted").asInt()).isZero();
        assertThat(summary.get("nodes")).as("memory of every node under load").hasSizeGreaterThanOrEqualTo(4);
        assertThat(summary.get("targets")).extracting(t -> t.get("what").asText()).anyMatch(w -> w.contains("CPU per order"));
        assertThat(run.output()).contains("Gatling report");
    }

    private static boolean hasProgram(String name) {
        return Programs.find(name, List.of("/usr/sbin", "/usr/bin")).isPresent();
    }

    // ---- Prometheus' view -----------------------------------------------------------------------

    /** Waits until every node is an active target whose last scrape succeeded; the targets by node. */
    private static Map<String, JsonNode> awaitScrapedAndUp(List<String> nodes) {
        return Await.within(SCRAPED, "Prometheus scraping " + nodes).until(
                StackIsScrapedByPrometheusAndSendsNoTracesWithoutCollectorIT::activeTargets,
                targets -> nodes.stream()
                        .allMatch(n -> targets.containsKey(n) && targets.get(n).get("health").asText().equals("up")));
    }

    private static Map<String, JsonNode> activeTargets() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://localhost:" + bakery.port(9090) + "/api/v1/targets?state=active"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, JsonNode> byNode = new HashMap<>();
        JSON.readTree(response.body()).get("data").get("activeTargets")
                .forEach(t -> byNode.put(t.get("labels").get("node").asText(), t));
        return byNode;
    }

    // ---- the stack ------------------------------------------------------------------------------

    private static JsonNode instance(JsonNode status, String id) {
        return BakeryCli.instances(status).stream().filter(i -> i.get("id").asText().equals(id)).findFirst().orElse(null);
    }

    /** The bakery's own nodes (web, order-service, baking-worker, notification-worker), not its servers. */
    private static List<String> nodeIds(JsonNode status) {
        List<String> services = List.of("web-tier", "order-service", "baking-worker", "notification-worker");
        return BakeryCli.instances(status).stream().filter(i -> services.contains(i.get("service").asText()))
                .map(i -> i.get("id").asText()).toList();
    }

    private static List<Long> pids(JsonNode status) {
        return BakeryCli.instances(status).stream().map(i -> i.get("pid").asLong()).toList();
    }

    private static boolean logsContain(String text) throws IOException {
        try (Stream<Path> logs = Files.list(bakery.home().resolve("logs"))) {
            return logs.anyMatch(log -> {
                try (Stream<String> lines = Files.lines(log)) {
                    return lines.anyMatch(line -> line.contains(text));
                } catch (IOException | UncheckedIOException unreadable) {
                    return false;
                }
            });
        }
    }

    /** The status of a GET, or -1 when nothing answers. */
    private static int httpStatus(InetAddress host, int port, String path) throws InterruptedException {
        String authority = (host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress()) + ":"
                + port;
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + authority + path)).timeout(Duration.ofSeconds(5))
                            .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }

    private static boolean accepts(InetAddress host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** An IPv4 address of this machine other than the loopback, as another machine would knock on it; null if none. */
    private static InetAddress machineAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    private static void countExports() {
        while (!collector.isClosed()) {
            try (Socket exporter = collector.accept()) {
                exportAttempts.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
