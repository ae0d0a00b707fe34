package bakery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.nio.file.Files;
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

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.servers.kafka.KafkaAdmin;
import bakery.servers.process.Pids;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;

/**
 * The whole bakery started by {@code ./bakery up} as separate processes, on ports moved by an offset
 * and with its own home, so it never meets a developer's running stack. Orders go in through nginx
 * while the bakers are scaled 1 -> 3 -> 1; every order comes out READY exactly once, and
 * {@code ./bakery down} leaves no process behind. The schema was migrated by one run before the
 * order-service node started. (Upgrade and rollback under load: {@code TwoReleasesServeSideBySideUnderLoadIT}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScalingBakersWhileOrdersFlowBakesEachOrderOnceIT {

    static final BakeryCli BAKERY = BakeryCli.stack("stack-it", 20000, Map.of(
            // Bakes of a second or less: the orders placed in a minute must be baked within the test's patience.
            "OVEN_SPEED_FACTOR", "0.05"), Duration.ofMinutes(6));
    static final Storefront SHOP = new Storefront(BAKERY.port(8080), Duration.ofSeconds(10));
    static final String KAFKA = "localhost:" + BAKERY.port(9092);
    static final Duration ORDERS_READY = Duration.ofMinutes(3);
    static final Duration CUSTOMER_PACE = Duration.ofMillis(300);

    static final List<Long> pidsSeen = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void up() throws Exception {
        BAKERY.deleteHome();
        BakeryCli.Result up = BAKERY.succeeds("up", "--web", "2", "--orders", "1", "--baking", "1", "--notify", "1");
        assertThat(up.output()).contains("http://localhost:" + SHOP.balancerPort() + "/");
    }

    @AfterAll
    static void down() throws Exception {
        BAKERY.succeeds("down");
        pidsSeen.addAll(pids(BAKERY.status()));
        assertThat(pidsSeen).as("processes of the stack still running after down")
                .noneMatch(pid -> Pids.isRunning(pid, null));
        assertThat(BAKERY.home().resolve("stack.json")).doesNotExist();
    }

    @Test
    @Order(1)
    void theSchemaWasMigratedOnceByTheReleasesRunAndTheOrderServiceNodeOnlyValidatedIt() throws Exception {
        String migration = Files.readString(BAKERY.home().resolve("logs/order-service-migrate.log"));
        assertThat(migration).as("the migration run of up").contains("Successfully applied");

        String node = Files.readString(BAKERY.home().resolve("logs/order-service-1.log"));
        assertThat(node).as("order-service-1 checks the schema its release expects").contains("Successfully validated");
        assertThat(node).as("but leaves migrating to the release's one run").doesNotContain("Successfully applied",
                "No migration necessary");
    }

    @Test
    @Order(2)
    void everyOrderPlacedWhileBakersScaleIsReadyExactlyOnce() throws Exception {
        JsonNode before = BAKERY.status();
        pidsSeen.addAll(pids(before));
        assertThat(instances(before))
                .allSatisfy(i -> assertThat(i.get("ready").asBoolean()).as(i.get("id").asText() + " ready").isTrue());
        assertThat(count(before, "web-tier")).isEqualTo(2);
        assertThat(count(before, "baking-worker")).isEqualTo(1);

        String sku = firstSku();
        List<PlacedOrder> placed = whileCustomersOrder(sku, orders -> {
            Await.within(Duration.ofSeconds(60), "first orders placed").until(() -> orders.size() >= 5);
            scaleBakersTo(3);
            Await.within(Duration.ofSeconds(60), "orders placed while 3 bakers run").until(() -> orders.size() >= 15);
            scaleBakersTo(1);
            int atScaleIn = orders.size();
            Await.within(Duration.ofSeconds(60), "orders placed after the scale-in")
                    .until(() -> orders.size() >= atScaleIn + 5);
        });

        everyOrderIsReadyExactlyOnce(placed);
        // The customer, in their own session through the balancer, sees the order ready.
        PlacedOrder first = placed.get(0);
        JsonNode order = SHOP.get("/api/orders/" + first.id(), first.session()).body();
        assertThat(order.get("status").asText()).isIn(OrderStatus.READY.name(), OrderStatus.PICKED_UP.name());

        // What ops read in ./bakery status: the one baker left owns the partitions, and a web node's
        // live feed (which commits nothing) is not shown as lagging the whole topic.
        List<JsonNode> groups = new ArrayList<>();
        BAKERY.status().get("consumerGroups").forEach(groups::add);
        assertThat(groups).filteredOn(g -> g.get("group").asText().equals("baking-worker")).singleElement()
                .satisfies(g -> assertThat(g.get("members").asInt()).isEqualTo(1))
                .satisfies(g -> assertThat(g.get("committed").asBoolean()).isTrue());
        assertThat(groups).filteredOn(g -> g.get("group").asText().startsWith("web-")).hasSize(2)
                .allSatisfy(g -> assertThat(g.get("committed").asBoolean()).as(g.get("group").asText()).isFalse());
    }

    /** What the test does while customers keep placing orders through nginx, given the orders placed so far. */
    interface Change {
        void during(List<PlacedOrder> placed) throws Exception;
    }

    /** A steady trickle of customers placing orders while {@code change} runs; every checkout must be accepted. */
    private static List<PlacedOrder> whileCustomersOrder(String sku, Change change) throws Exception {
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
            change.during(placed);
        } finally {
            ordering.set(false);
            flow.get(1, TimeUnit.MINUTES);
            customers.shutdown();
        }
        return List.copyOf(placed);
    }

    private static void everyOrderIsReadyExactlyOnce(List<PlacedOrder> placed) throws Exception {
        List<UUID> ids = placed.stream().map(PlacedOrder::id).toList();
        try (KafkaProbe kafka = new KafkaProbe(KAFKA)) {
            Map<UUID, Long> readyCount = Await.within(ORDERS_READY, "every placed order READY on " + Topics.ORDERS_STATUS)
                    .until(
                            () -> readyEvents(kafka),
                            ready -> ready.keySet().containsAll(ids));
            assertThat(ids).allSatisfy(id -> assertThat(readyCount.get(id)).as("READY events of order " + id).isEqualTo(1L));
        }
    }

    private static Map<UUID, Long> readyEvents(KafkaProbe kafka) {
        return kafka.readAll(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.status() == OrderStatus.READY)
                .collect(Collectors.groupingBy(OrderStatusChanged::orderId, Collectors.counting()));
    }

    private void scaleBakersTo(int n) throws Exception {
        BAKERY.succeeds("scale", "baking-worker=" + n);
        JsonNode after = BAKERY.status();
        pidsSeen.addAll(pids(after));
        List<JsonNode> bakers = instances(after).stream().filter(i -> i.get("service").asText().equals("baking-worker"))
                .toList();
        assertThat(bakers).hasSize(n).allSatisfy(b -> assertThat(b.get("ready").asBoolean()).isTrue());
        // Scaling out only helps if the new bakers get work: one member per node, each with a share.
        try (Admin admin = KafkaAdmin.create(KAFKA)) {
            Await.within(Duration.ofSeconds(60), n + " bakers sharing the partitions of " + Topics.BAKE_REQUESTS).until(
                    () -> admin.describeConsumerGroups(List.of("baking-worker")).all().get().get("baking-worker").members(),
                    members -> members.size() == n
                            && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()));
        }
    }

    // ---- a customer, through nginx --------------------------------------------------------------

    private static String firstSku() throws Exception {
        Storefront.Answer catalog = SHOP.get("/api/catalog", new CookieManager());
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
        Storefront.Answer added = SHOP.post("/api/cart/items", Map.of("sku", sku, "quantity", 1), Map.of(), cookies);
        assertThat(added.status()).as("add to cart: %s", added.body()).isBetween(200, 299);
        Storefront.Answer receipt = SHOP.post("/api/checkout",
                Map.of("name", "Ada", "email", "ada@example.com", "pickupAt",
                        Instant.now().plus(7, ChronoUnit.DAYS).toString()),
                Map.of("Idempotency-Key", "it-" + UUID.randomUUID()), cookies);
        assertThat(receipt.status()).as("checkout: %s", receipt.body()).isEqualTo(202);
        return new PlacedOrder(UUID.fromString(receipt.body().get("orderId").asText()), cookies);
    }

    // ---- the stack's processes, as ./bakery status --json lists them ----------------------------

    static List<JsonNode> instances(JsonNode status) {
        return BakeryCli.instances(status);
    }

    static long count(JsonNode status, String service) {
        return instances(status).stream().filter(i -> i.get("service").asText().equals(service)).count();
    }

    static List<Long> pids(JsonNode status) {
        return instances(status).stream().map(i -> i.get("pid").asLong()).toList();
    }
}
