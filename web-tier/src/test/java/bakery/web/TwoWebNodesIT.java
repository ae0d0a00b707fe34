package bakery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.DemoStaff;
import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.KafkaProbe;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;

/** Two web-tier processes on one Redis and one Kafka, as behind a round-robin balancer. */
class TwoWebNodesIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final int CONCURRENT_ADDS = 50;

    static ServiceProcess web1;
    static ServiceProcess web2;

    @BeforeAll
    static void startTwoNodes() {
        web1 = node("web-1");
        web2 = node("web-2");
        web1.start();
        web2.start();
        web1.awaitReady();
        web2.awaitReady();
    }

    @AfterAll
    static void stopNodes() {
        for (ServiceProcess node : new ServiceProcess[] { web1, web2 }) {
            if (node != null) {
                node.kill();
            }
        }
    }

    private static ServiceProcess node(String id) {
        return DemoStaff.on(new ServiceProcess(id, JAR, FreePort.next()))
                .with("bakery.node-id", id)
                .with("quarkus.redis.hosts", RedisServer.shared().url())
                .with("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers())
                .with("quarkus.rest-client.order-service.url", OrderServiceStub.shared().url())
                .with("quarkus.shutdown.delay", "0s");
    }

    @Test
    void cartFilledOnOneNodeIsReadOnTheOther() {
        Shopper onNode1 = new Shopper(web1.baseUrl());
        onNode1.addToCart("sourdough", 2);
        onNode1.addToCart("pretzel", 5);
        Shopper onNode2 = onNode1.on(web2.baseUrl());

        HttpResponse<String> cart = onNode2.get("/api/cart");
        assertThat(cart.headers().firstValue("X-Served-By")).contains("web-2");
        assertThat(Shopper.json(cart).get("itemCount").asInt()).isEqualTo(7);
        assertThat(onNode2.sessionId()).isEqualTo(onNode1.sessionId());
    }

    @Test
    void concurrentAddsSplitAcrossBothNodesSumExactly() throws Exception {
        Shopper shopper = new Shopper(web1.baseUrl());
        // the first line opens the session the concurrent ones share
        assertThat(shopper.addToCart("croissant", 1).statusCode()).isEqualTo(200);
        List<Shopper> tabs = List.of(shopper, shopper.on(web2.baseUrl()));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> adds = new ArrayList<>();
            for (int i = 1; i < CONCURRENT_ADDS; i++) {
                Shopper tab = tabs.get(i % 2);
                adds.add(pool.submit(() -> tab.addToCart("croissant", 1).statusCode()));
            }
            for (Future<Integer> add : adds) {
                assertThat(add.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(line(shopper.cart(), "croissant")).isEqualTo(CONCURRENT_ADDS);
    }

    @Test
    void statusEventReachesAnOrderPageStreamServedByTheOtherNode() {
        Shopper onNode1 = new Shopper(web1.baseUrl());
        onNode1.addToCart("macaron", 3);
        HttpResponse<String> placed = onNode1.checkout("two-nodes-" + UUID.randomUUID(), "Ada", "ada@example.org",
                SampleOrders.PICKUP);
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = Shopper.json(placed).get("orderId").asText();

        try (SseStream page = onNode1.on(web2.baseUrl()).stream("/api/orders/" + orderId + "/events", null);
                KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("snapshot from node 2", () -> assertThat(page.events()).isNotEmpty());
            kafka.send(Topics.ORDERS_STATUS, SampleOrders.statusChanged(orderId, OrderStatus.ACCEPTED, 1));
            kafka.send(Topics.ORDERS_STATUS, SampleOrders.statusChanged(orderId, OrderStatus.READY, 2));
            Await.untilAsserted("live events on node 2", () -> assertThat(page.events())
                    .extracting(SseStream.Event::id).containsExactly("0", "1", "2"));
            assertThat(page.events().get(2).data()).contains("\"status\":\"READY\"");
        }
    }

    @Test
    void signingOutOnOneNodeRefusesTheOldCookieOnTheOther() {
        SignedInStaff staff = SignedInStaff.signIn(web1.baseUrl(), "staff", "staff-demo");
        String copied = staff.credential();
        Shopper onNode2 = staff.browser().on(web2.baseUrl());
        assertThat(onNode2.get("/board").statusCode()).as("signed in on node 1, board on node 2").isEqualTo(200);

        HttpResponse<String> out = onNode2.postForm("/signout", java.util.Map.of("csrf", onNode2.csrfToken()));
        assertThat(out.statusCode()).isEqualTo(303);

        HttpResponse<String> board = new Shopper(web1.baseUrl()).withCookie(Shopper.STAFF, copied).get("/board");
        assertThat(board.headers().firstValue("X-Served-By")).contains("web-1");
        assertThat(board.statusCode()).as("the old cookie on node 1").isEqualTo(302);
    }

    @Test
    void cartSurvivesTheNodeItWasFilledOnStopping() {
        ServiceProcess spare = node("web-3");
        spare.startAndAwaitReady();
        try {
            Shopper onSpare = new Shopper(spare.baseUrl());
            onSpare.addToCart("croissant", 4);
            onSpare.addToCart("sourdough", 1);
            assertThat(spare.terminate(Duration.ofSeconds(20))).isNotNegative();

            JsonNode cart = onSpare.on(web2.baseUrl()).cart();
            assertThat(line(cart, "croissant")).isEqualTo(4);
            assertThat(line(cart, "sourdough")).isEqualTo(1);
        } finally {
            spare.kill();
        }
    }

    private static int line(JsonNode cart, String sku) {
        for (JsonNode line : cart.get("lines")) {
            if (line.get("sku").asText().equals(sku)) {
                return line.get("quantity").asInt();
            }
        }
        return 0;
    }
}
