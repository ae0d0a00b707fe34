package bakery.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.Customer;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.api.Product;
import bakery.contracts.serde.BakeEventDeserializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.testkit.Await;
import bakery.testkit.BakeryNodes;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ServiceProcess;

/**
 * Two bakers share the ovens; one is killed with SIGKILL while 200 orders are in flight. Every
 * order still ends READY, READY is announced once per order, and each customer gets one e-mail.
 */
class BakerKilledMidRunStillBakesEveryOrderOnceIT {

    private static final int ORDERS = 200;

    private static BakeryNodes nodes;
    private static ServiceProcess orderService;
    private static ServiceProcess doomedBaker;
    private static KafkaProbe kafka;

    @BeforeAll
    static void startTheBakery() {
        nodes = FastOvens.nodes();
        orderService = nodes.orderService("order-service-1");
        nodes.notificationWorker("notification-worker-1");
        doomedBaker = nodes.bakingWorker("baking-worker-1");
        nodes.bakingWorker("baking-worker-2");
        nodes.awaitReady();
        kafka = new KafkaProbe(nodes.kafka().bootstrapServers());
    }

    @AfterAll
    static void stopTheBakery() {
        if (kafka != null) {
            kafka.close();
        }
        nodes.close();
    }

    @Test
    void everyOrderIsReadyOnceAndMailedOnce() throws Exception {
        List<Product> catalog = ServedCatalog.of(orderService.baseUrl());
        Instant start = Instant.now();
        Set<UUID> orders = new HashSet<>();
        for (int i = 0; i < ORDERS; i++) {
            Product product = catalog.get(i % catalog.size());
            UUID id = OrderIds.next();
            orders.add(id);
            kafka.send(Topics.ORDERS_PLACED, OrderPlaced.of(id, "crash-" + id,
                    new Customer("Customer " + i, "customer" + i + "@example.org"),
                    List.of(new OrderLine(product.sku(), product.name(), 1 + i % 3, product.priceCents())),
                    start.plus(Duration.ofHours(2)), Instant.now(), "crash-test"));
        }

        // Kill one baker while the ovens are busy: some orders are done, most are not.
        Await.within(Duration.ofSeconds(60), "the first orders baked by the doomed baker")
                .until(() -> finishedBy("baking-worker-1") >= 5);
        doomedBaker.kill();
        assertThat(readyPerOrder(orders).size()).as("orders READY when the baker died").isLessThan(ORDERS);

        Map<UUID, Long> ready = Await.within(Duration.ofSeconds(120), "every order READY")
                .until(() -> readyPerOrder(orders), r -> r.size() == ORDERS);
        assertThat(ready.values()).as("READY announcements per order").containsOnly(1L);

        List<MimeMessage> readyMails = Await.within(Duration.ofSeconds(60), "a READY e-mail per order")
                .until(() -> readyMails(orders), mails -> mails.size() >= ORDERS);
        // Once the notifier has committed everything there is nothing left that could send a second mail.
        Await.within(Duration.ofSeconds(60), "the notifier has processed every status event")
                .until(() -> kafka.lag("notification-worker") == 0);
        assertThat(readyMails(orders)).hasSize(ORDERS);
        assertThat(readyMails(orders).stream().map(BakerKilledMidRunStillBakesEveryOrderOnceIT::recipient))
                .doesNotHaveDuplicates();
    }

    private static long finishedBy(String node) {
        return kafka.readAll(Topics.BAKE_EVENTS, new BakeEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.stage() == BakeEvent.Stage.FINISHED && node.equals(e.workerNode()))
                .count();
    }

    private static Map<UUID, Long> readyPerOrder(Set<UUID> orders) {
        return kafka.readAll(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.status() == OrderStatus.READY && orders.contains(e.orderId()))
                .collect(Collectors.groupingBy(OrderStatusChanged::orderId, Collectors.counting()));
    }

    private static List<MimeMessage> readyMails(Set<UUID> orders) {
        Set<String> ids = orders.stream().map(UUID::toString).collect(Collectors.toSet());
        return nodes.mail().received().stream()
                .filter(m -> mentionsOneOf(m, ids) && subject(m).toLowerCase().contains("ready"))
                .toList();
    }

    private static boolean mentionsOneOf(MimeMessage message, Set<String> ids) {
        String text = subject(message) + body(message);
        return ids.stream().anyMatch(text::contains);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
