package bakery.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import bakery.contracts.Customer;
import bakery.contracts.OrderCommand;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.Topics;
import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.Product;
import bakery.contracts.serde.EventJson;
import bakery.testkit.Await;
import bakery.testkit.BakeryNodes;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ServiceProcess;

/**
 * A bakery in the middle of a rush: order-service and two web nodes, and many open orders placed
 * through order-service's intake (orders.placed, as web nodes send them). No oven runs, so every
 * order waits in the accepted column. The first half of the orders are past their pickup time (late);
 * one order is for a customer with a name nobody else has. Closing it cancels the rush and moves the
 * ovens' and the notifiers' groups past it, so the next test's bakery (same servers) starts without
 * the backlog.
 */
final class BusyBakery implements AutoCloseable {

    static final String RARE_NAME = "Zelda Quist";
    private static final String BAKING_WORKERS = "baking-worker";
    private static final String NOTIFIERS = "notification-worker";
    private static final Duration SEEDING = Duration.ofMinutes(3);
    private static final int PAGE = 200;

    final BakeryNodes nodes = new BakeryNodes();
    final ServiceProcess orderService;
    final ServiceProcess boardNode;
    final ServiceProcess otherNode;
    final List<OrderPlaced> orders = new ArrayList<>();
    private final long before;
    private final long statusEventsBefore;

    private BusyBakery(int open) throws IOException, InterruptedException {
        orderService = nodes.orderService("order-service-1");
        boardNode = nodes.webNode("web-1", orderService);
        otherNode = nodes.webNode("web-2", orderService);
        nodes.awaitReady();
        before = activeTotal();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.kafka().bootstrapServers()))) {
            statusEventsBefore = ends(admin, Topics.ORDERS_STATUS).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
        List<Product> catalog = ServedCatalog.of(orderService.baseUrl());
        Instant now = Instant.now();
        for (int i = 0; i < open; i++) {
            Product product = catalog.get(i % catalog.size());
            String name = i == open / 3 ? RARE_NAME : "Customer " + (i + 1);
            Instant placedAt = now.minusSeconds(open - i);
            Instant pickupAt = i < open / 2 ? now.minus(Duration.ofMinutes(30)) : now.plus(Duration.ofHours(3));
            orders.add(OrderPlaced.of(UUID.randomUUID(), "rush-" + UUID.randomUUID(),
                    new Customer(name, "rush-" + i + "@example.org"),
                    List.of(new OrderLine(product.sku(), product.name(), 1 + i % 3, product.priceCents())), pickupAt,
                    placedAt, "rush"));
        }
        try (KafkaProbe kafka = new KafkaProbe(nodes.kafka().bootstrapServers())) {
            kafka.sendAll(Topics.ORDERS_PLACED, orders);
        }
        Await.within(SEEDING, "order-service has accepted the rush").until(() -> activeTotal() >= before + open);
    }

    static BusyBakery open(int open) throws IOException, InterruptedException {
        return new BusyBakery(open);
    }

    /** Active orders per status as order-service holds them, read the way the board reads them. */
    Map<String, Long> countsByStatus() throws IOException, InterruptedException {
        Map<String, Long> counts = new TreeMap<>();
        String after = null;
        OrderPage page;
        do {
            page = active(after);
            for (OrderView order : page.items()) {
                counts.merge(order.status().name(), 1L, Long::sum);
            }
            if (!page.items().isEmpty()) {
                OrderView last = page.items().get(page.items().size() - 1);
                after = last.placedAt() + "," + last.orderId();
            }
        } while (page.items().size() == PAGE);
        return counts;
    }

    static String shortId(UUID orderId) {
        String id = orderId.toString();
        return id.substring(id.length() - 6).toUpperCase();
    }

    private long activeTotal() throws IOException, InterruptedException {
        return active(null).total();
    }

    private OrderPage active(String after) throws IOException, InterruptedException {
        String query = "?size=" + PAGE + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(orderService.baseUrl() + "/orders/active" + query)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /orders/active answered " + response.statusCode());
        }
        return EventJson.MAPPER.readValue(response.body(), OrderPage.class);
    }

    @Override
    public void close() {
        try {
            endTheRush();
        } finally {
            nodes.close();
        }
    }

    private void endTheRush() {
        Instant now = Instant.now();
        try (KafkaProbe kafka = new KafkaProbe(nodes.kafka().bootstrapServers());
                Admin admin = Admin
                        .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.kafka().bootstrapServers()))) {
            kafka.sendAll(Topics.ORDERS_COMMANDS, orders.stream()
                    .map(o -> OrderCommand.of(o.orderId(), OrderCommand.Action.CANCEL, "rush-over", now)).toList());
            Await.within(SEEDING, "the rush is cancelled").until(() -> activeTotal() <= before);
            // each order of the rush was announced accepted and then cancelled
            Await.within(SEEDING, "the rush's news is out").until(
                    () -> ends(admin, Topics.ORDERS_STATUS).values().stream().mapToLong(OffsetAndMetadata::offset)
                            .sum() >= statusEventsBefore + 2L * orders.size());
            // No oven and no notifier ran here: their groups move past the rush, so the next test's bakery neither
            // bakes nor mails it.
            skipToTheEnd(admin, BAKING_WORKERS, Topics.BAKE_REQUESTS);
            skipToTheEnd(admin, NOTIFIERS, Topics.ORDERS_STATUS);
        }
    }

    private static void skipToTheEnd(Admin admin, String group, String topic) {
        // a node killed by the test before may still count as a member until its session times out
        Await.within(SEEDING, group + " moves to the end of " + topic).until(() -> {
            admin.alterConsumerGroupOffsets(group, ends(admin, topic)).all().get();
            return true;
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> ends(Admin admin, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the end of " + topic, e.getCause());
        }
    }
}
