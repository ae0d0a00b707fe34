package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole bakery started by {@code ./bakery up} as separate processes, on ports moved by an offset
 * and with its own home, so it never meets a developer's running stack. Orders go in through nginx
 * while the bakers are scaled 1 -> 3 -> 1; every order comes out READY exactly once, and
 * {@code ./bakery down} leaves no process behind.
 */
class ScalingBakersWhileOrdersFlowBakesEachOrderOnceIT {

    static final Path ROOT = Path.of(System.getProperty("bakery.root", "..")).toAbsolutePath().normalize();
    static final Path HOME = ROOT.resolve("local-stack/target/stack-it");
    static final int OFFSET = 20000;
    static final int BALANCER = 8080 + OFFSET;
    static final String KAFKA = "localhost:" + (9092 + OFFSET);
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);
    static final Duration ORDERS_READY = Duration.ofMinutes(3);
    static final Duration CUSTOMER_PACE = Duration.ofMillis(300);
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<Long> pidsSeen = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void up() throws Exception {
        deleteRecursively(HOME);
        Result up = bakery("up", "--web", "2", "--orders", "1", "--baking", "1", "--notify", "1");
        assertThat(up.exit()).as("./bakery up said:\n%s", up.output()).isZero();
        assertThat(up.output()).contains("http://localhost:" + BALANCER + "/");
    }

    @AfterAll
    static void down() throws Exception {
        Result down = bakery("down");
        assertThat(down.exit()).as("./bakery down said:\n%s", down.output()).isZero();
        pidsSeen.addAll(pids(status()));
        assertThat(pidsSeen).as("processes of the stack still running after down").noneMatch(ScalingBakersWhileOrdersFlowBakesEachOrderOnceIT::alive);
        assertThat(HOME.resolve("stack.json")).doesNotExist();
    }

    @Test
    void everyOrderPlacedWhileBakersScaleIsReadyExactlyOnce() throws Exception {
        JsonNode before = status();
        pidsSeen.addAll(pids(before));
        assertThat(instances(before)).allSatisfy(i -> assertThat(i.get("ready").asBoolean()).as(i.get("id").asText() + " ready").isTrue());
        assertThat(count(before, "web-tier")).isEqualTo(2);
        assertThat(count(before, "baking-worker")).isEqualTo(1);

        String sku = firstSku();
        List<PlacedOrder> placed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean ordering = new AtomicBoolean(true);
        ExecutorService customers = Executors.newSingleThreadExecutor();
        Future<?> flow = customers.submit(() -> {
            while (ordering.get()) {
                placed.add(placeOrder(sku));
                // A steady trickle the ovens keep up with even at one baker: this tests scaling, not a backlog.
                Thread.sleep(CUSTOMER_PACE.toMillis());
            }
            return null;
        });
        try {
            Await.within(Duration.ofSeconds(60), "first orders placed").until(() -> placed.size() >= 5);
            scaleBakersTo(3);
            Await.within(Duration.ofSeconds(60), "orders placed while 3 bakers run").until(() -> placed.size() >= 15);
            scaleBakersTo(1);
            int atScaleIn = placed.size();
            Await.within(Duration.ofSeconds(60), "orders placed after the scale-in").until(() -> placed.size() >= atScaleIn + 5);
        } finally {
            ordering.set(false);
            flow.get(1, TimeUnit.MINUTES);
            customers.shutdown();
        }

        List<UUID> ids = placed.stream().map(PlacedOrder::id).toList();
        try (KafkaProbe kafka = new KafkaProbe(KAFKA)) {
            Map<UUID, Long> readyCount = Await.within(ORDERS_READY, "every placed order READY on " + Topics.ORDERS_STATUS).until(
                    () -> readyEvents(kafka),
                    ready -> ready.keySet().containsAll(ids));
            assertThat(ids).allSatisfy(id -> assertThat(readyCount.get(id)).as("READY events of order " + id).isEqualTo(1L));
        }
        // The customer, in their own session through the balancer, sees the order ready.
        PlacedOrder first = placed.get(0);
        JsonNode order = getJson("/api/orders/" + first.id(), first.session()).body();
        assertThat(order.get("status").asText()).isIn(OrderStatus.READY.name(), OrderStatus.PICKED_UP.name());
    }

    private static Map<UUID, Long> readyEvents(KafkaProbe kafka) {
        return kafka.readAll(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.status() == OrderStatus.READY)
                .collect(Collectors.groupingBy(OrderStatusChanged::orderId, Collectors.counting()));
    }

    private void scaleBakersTo(int n) throws Exception {
        Result scale = bakery("scale", "baking-worker=" + n);
        assertThat(scale.exit()).as("./bakery scale said:\n%s", scale.output()).isZero();
        JsonNode after = status();
        pidsSeen.addAll(pids(after));
        List<JsonNode> bakers = instances(after).stream().filter(i -> i.get("service").asText().equals("baking-worker")).toList();
        assertThat(bakers).hasSize(n).allSatisfy(b -> assertThat(b.get("ready").asBoolean()).isTrue());
        // Scaling out only helps if the new bakers get work: one member per node, each with a share.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            Await.within(Duration.ofSeconds(60), n + " bakers sharing the partitions of " + Topics.BAKE_REQUESTS).until(
                    () -> admin.describeConsumerGroups(List.of("baking-worker")).all().get().get("baking-worker").members(),
                    members -> members.size() == n && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()));
        }
    }

    // ---- a customer, through nginx --------------------------------------------------------------

    private static String firstSku() throws Exception {
        Http<JsonNode> catalog = getJson("/api/catalog", new CookieManager());
        assertThat(catalog.status()).isEqualTo(200);
        JsonNode products = catalog.body().isArray() ? catalog.body() : catalog.body().get("products");
        return products.get(0).get("sku").asText();
    }

    /** An accepted checkout and the session of the customer who placed it. */
    record PlacedOrder(UUID id, CookieManager session) {
    }

    /** One customer: a fresh session, one item in the cart, a checkout that must be accepted. */
    private static PlacedOrder placeOrder(String sku) throws Exception {
        CookieManager cookies = new CookieManager();
        Http<JsonNode> added = post("/api/cart/items", Map.of("sku", sku, "quantity", 1), Map.of(), cookies);
        assertThat(added.status()).as("add to cart: %s", added.body()).isBetween(200, 299);
        Http<JsonNode> receipt = post("/api/checkout",
                Map.of("name", "Ada", "email", "ada@example.com", "pickupAt", Instant.now().plus(2, ChronoUnit.HOURS).toString()),
                Map.of("Idempotency-Key", "it-" + UUID.randomUUID()), cookies);
        assertThat(receipt.status()).as("checkout: %s", receipt.body()).isEqualTo(202);
        return new PlacedOrder(UUID.fromString(receipt.body().get("orderId").asText()), cookies);
    }

    record Http<T>(int status, T body) {
    }

    private static Http<JsonNode> post(String path, Object body, Map<String, String> headers, CookieManager cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + BALANCER + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build(), cookies);
    }

    private static Http<JsonNode> getJson(String path, CookieManager cookies) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + BALANCER + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(), cookies);
    }

    private static Http<JsonNode> send(HttpRequest request, CookieManager cookies) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Http<>(response.statusCode(), body);
    }

    // ---- the bakery command ---------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    static Result bakery(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bakery").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("bakery-" + args[0], ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BAKERY_HOME", HOME.toString());
        pb.environment().put("BAKERY_PORT_OFFSET", Integer.toString(OFFSET));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Bakes of a second or less: the orders placed in a minute must be baked within the test's patience.
        pb.environment().put("OVEN_SPEED_FACTOR", "0.05");
        Process p = pb.start();
        if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ ./bakery " + String.join(" ", args) + "\n" + output);
        return new Result(p.isAlive() ? -1 : p.exitValue(), output);
    }

    static JsonNode status() throws Exception {
        Result status = bakery("status", "--json");
        assertThat(status.exit()).as(status.output()).isZero();
        return JSON.readTree(status.output());
    }

    static List<JsonNode> instances(JsonNode status) {
        return StreamSupport.stream(status.get("instances").spliterator(), false).toList();
    }

    static long count(JsonNode status, String service) {
        return instances(status).stream().filter(i -> i.get("service").asText().equals(service)).count();
    }

    static List<Long> pids(JsonNode status) {
        return instances(status).stream().map(i -> i.get("pid").asLong()).toList();
    }

    /** Running and not a zombie waiting to be reaped. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Collections.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }
}
