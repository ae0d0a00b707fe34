package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.servers.process.Pids;
import bakery.stack.BakeryCli;
import bakery.stack.Storefront;
import bakery.stack.process.StateFile;
import bakery.testkit.Await;

/**
 * Two releases side by side under load. The stack starts on the release before this one (the commit
 * {@code deploy/previous-release} names, built apart by {@code ./bakery up --previous}); then
 * {@code ./bakery chaos upgrade} moves every node to the working tree's release and back with
 * {@code ./bakery rollback}, one at a time, while customers shop, keep carts, watch their orders live
 * and staff hand orders over. Nobody sees a request fail, no order is lost or baked twice, no cart
 * loses an item, and nodes of both releases served side by side meanwhile.
 */
class TwoReleasesServeSideBySideUnderLoadIT {

    static final BakeryCli BAKERY = BakeryCli.stack("upgrade-it", 21500, Map.of(
            // Bakes of a second or less: the orders placed during the rollouts are baked within the test's patience.
            "OVEN_SPEED_FACTOR", "0.05",
            // Each new web or order-service node is watched beside the old ones this long, not the default 10 s.
            "BAKERY_UPGRADE_WATCH", "3s",
            "BAKERY_CHAOS_WARM_UP", "3s",
            "BAKERY_CHAOS_RECOVERY", "5s",
            "BAKERY_CHAOS_POLL_INTERVAL", "1s",
            "BAKERY_CHAOS_IDLE_GRACE", "5s",
            "BAKERY_CHAOS_PICK_UP_AFTER", "10s"),
            // Building the release before (offline, no tests) and two rollouts of every node: minutes on a busy machine.
            Duration.ofMinutes(20));
    static final Storefront SHOP = new Storefront(BAKERY.port(8080), Duration.ofSeconds(10));
    static final Pattern RELEASE_CHANGE = Pattern
            .compile("failed-requests=0 lost=0 duplicated=0 carts-lost=0 mixed-seconds=(\\d+)");
    static final Pattern WATCHED_AND_SERVED = Pattern
            .compile("(\\d+) live order pages showed their order, (\\d+) orders were handed over at the counter");
    static final Pattern REPLACED = Pattern.compile("(\\S+) replaced by");

    static final List<Long> pidsSeen = new ArrayList<>();

    @BeforeAll
    static void upOnTheReleaseBefore() throws Exception {
        BAKERY.deleteHome();
        BAKERY.succeeds("up", "--previous", "--web", "2", "--orders", "1", "--baking", "1", "--notify", "1");
    }

    @AfterAll
    static void down() throws Exception {
        pidsSeen.addAll(pids(BAKERY.status()));
        BAKERY.succeeds("down");
        assertThat(pidsSeen).as("processes of the stack still running after down")
                .noneMatch(pid -> Pids.isRunning(pid, null));
    }

    @Test
    void customersAndStaffNoticeNothingWhileEveryNodeMovesToTheWorkingTreeAndBack() throws Exception {
        String previousCommit = Files.readAllLines(BakeryCli.ROOT.resolve("deploy/previous-release")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElseThrow();
        String startRelease = stackRelease();
        assertThat(startRelease).as("up --previous starts on the release of deploy/previous-release")
                .endsWith("-" + previousCommit.substring(0, 7));
        JsonNode before = BAKERY.status();
        List<Long> pidsBefore = pids(before);
        pidsSeen.addAll(pidsBefore);
        assertThat(nodes(before)).allSatisfy(n -> assertThat(n.get("release").asText()).as(n.get("id").asText())
                .isEqualTo(startRelease));

        // A customer of the release before: a cart and an order, both still theirs on the other side.
        CookieManager customer = new CookieManager();
        String sku = firstSku(customer);
        assertThat(SHOP.post("/api/cart/items", Map.of("sku", sku, "quantity", 2), Map.of(), customer).status())
                .isBetween(200, 299);
        PlacedOrder earlyOrder = placeOrder(sku);

        BakeryCli.Result chaos = BAKERY.run("chaos", "upgrade");
        pidsSeen.addAll(pids(BAKERY.status()));

        Matcher verdict = RELEASE_CHANGE.matcher(chaos.lastLine());
        assertThat(verdict.matches()).as("the verdict of:\n%s", chaos.output()).isTrue();
        assertThat(chaos.exit()).as(chaos.output()).isZero();
        assertThat(Long.parseLong(verdict.group(1))).as("seconds with nodes of both releases serving").isPositive();
        assertThat(chaos.output()).doesNotContain("accepted=0 ", "a rolling restart");
        Matcher watched = WATCHED_AND_SERVED.matcher(chaos.output());
        assertThat(watched.find()).as(chaos.output()).isTrue();
        assertThat(Long.parseLong(watched.group(1))).as("live order pages that showed their order").isPositive();
        assertThat(Long.parseLong(watched.group(2))).as("orders handed over at the counter").isPositive();

        // The rollout's order, forward: the schema once, workers, order-service, then the web tier; each old
        // node leaves only after its replacement owns partitions. Back: the web tier first.
        String output = chaos.output();
        int rollback = output.indexOf("rolling back from");
        assertThat(rollback).as(output).isPositive();
        String forward = output.substring(0, rollback);
        assertThat(forward).contains("migrating the schema for release", "owns partitions of the group baking-worker",
                "owns partitions of the group notification-worker", "owns partitions of the group order-service");
        assertThat(forward.indexOf("baking-worker-1 replaced by")).isPositive()
                .isLessThan(forward.indexOf("notification-worker-1 replaced by"));
        assertThat(forward.indexOf("notification-worker-1 replaced by"))
                .isLessThan(forward.indexOf("order-service-1 replaced by"));
        assertThat(forward.indexOf("order-service-1 replaced by")).isLessThan(forward.indexOf("web-1 replaced by"));
        Matcher firstBack = REPLACED.matcher(output.substring(rollback));
        assertThat(firstBack.find()).as("rollback replaced nodes").isTrue();
        assertThat(firstBack.group(1)).as("rollback starts with the web tier").startsWith("web-");

        // Back where it started: every node of the release before, each a new process, as many as before.
        assertThat(stackRelease()).as("rollback returned to the release up started on").isEqualTo(startRelease);
        JsonNode after = BAKERY.status();
        assertThat(countsByService(after)).as("as many nodes of each service as before").isEqualTo(countsByService(before));
        assertThat(nodes(after)).allSatisfy(n -> {
            assertThat(n.get("ready").asBoolean()).as(n.get("id").asText() + " ready").isTrue();
            assertThat(pidsBefore).as(n.get("id").asText() + " is a new process").doesNotContain(n.get("pid").asLong());
            assertThat(n.get("release").asText()).as(n.get("id").asText()).isEqualTo(startRelease);
        });

        // The customer from before: the cart still holds its two items, the order is baked.
        JsonNode cart = SHOP.get("/api/cart", customer).body();
        assertThat(cart.get("lines")).as("the cart filled before the upgrade: %s", cart)
                .anySatisfy(line -> {
                    assertThat(line.get("sku").asText()).isEqualTo(sku);
                    assertThat(line.get("quantity").asInt()).isEqualTo(2);
                });
        Await.within(Duration.ofSeconds(60), "the order placed before the upgrade is baked").until(
                () -> SHOP.get("/api/orders/" + earlyOrder.id(), earlyOrder.session()).body(),
                order -> order != null && List.of(OrderStatus.READY.name(), OrderStatus.PICKED_UP.name())
                        .contains(order.path("status").asText()));
    }

    /** An accepted checkout and the session of the customer who placed it. */
    record PlacedOrder(UUID id, CookieManager session) {
    }

    private static String stackRelease() throws Exception {
        return StateFile.JSON.readTree(BAKERY.home().resolve("stack.json").toFile()).get("release").asText();
    }

    private static String firstSku(CookieManager session) throws Exception {
        Storefront.Answer catalog = SHOP.get("/api/catalog", session);
        assertThat(catalog.status()).isEqualTo(200);
        JsonNode products = catalog.body().isArray() ? catalog.body() : catalog.body().get("products");
        return products.get(0).get("sku").asText();
    }

    /** Another customer places an order through nginx, with its own session. */
    private static PlacedOrder placeOrder(String sku) throws Exception {
        CookieManager session = new CookieManager();
        assertThat(SHOP.post("/api/cart/items", Map.of("sku", sku, "quantity", 1), Map.of(), session).status())
                .isBetween(200, 299);
        Storefront.Answer receipt = SHOP.post("/api/checkout",
                Map.of("name", "Ada", "email", "ada@example.com", "pickupAt",
                        Instant.now().plus(7, ChronoUnit.DAYS).toString()),
                Map.of("Idempotency-Key", "it-" + UUID.randomUUID()), session);
        assertThat(receipt.status()).as("checkout: %s", receipt.body()).isEqualTo(202);
        return new PlacedOrder(UUID.fromString(receipt.body().get("orderId").asText()), session);
    }

    /** The service nodes (not the servers) as ./bakery status --json lists them. */
    private static List<JsonNode> nodes(JsonNode status) {
        return BakeryCli.instances(status).stream().filter(i -> i.get("managementPort").asInt() > 0).toList();
    }

    private static Map<String, Long> countsByService(JsonNode status) {
        return nodes(status).stream().collect(Collectors.groupingBy(i -> i.get("service").asText(), Collectors.counting()));
    }

    private static List<Long> pids(JsonNode status) {
        return BakeryCli.instances(status).stream().map(i -> i.get("pid").asLong()).toList();
    }
}
