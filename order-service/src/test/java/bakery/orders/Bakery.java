package bakery.orders;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.Customer;
import bakery.contracts.OrderCommand;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.Product;
import bakery.contracts.serde.BakeRequestDeserializer;
import bakery.contracts.serde.EventJson;
import bakery.contracts.serde.EventSerializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.testkit.KafkaProbe;

/**
 * The world around order-service in a test: customers placing orders, ovens reporting, staff
 * deciding, all through the real Kafka broker; and what the service answers, read back from
 * {@code orders.status}, {@code bake.requests} and its REST API.
 */
public final class Bakery implements AutoCloseable {

    public final KafkaProbe kafka = KafkaProbe.onSharedBroker();
    private final Map<String, Product> catalog;

    public Bakery() {
        catalog = Arrays.stream(given().get("/catalog").then().statusCode(200).extract().as(Product[].class))
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    public Product product(String sku) {
        return catalog.get(sku);
    }

    /** A line of {@code quantity} pieces at today's catalog price. */
    public OrderLine line(String sku, int quantity) {
        Product product = catalog.get(sku);
        return new OrderLine(sku, product.name(), quantity, product.priceCents());
    }

    public OrderPlaced order(OrderLine... lines) {
        return order(UUID.randomUUID().toString(), lines);
    }

    public OrderPlaced order(String idempotencyKey, OrderLine... lines) {
        return order(idempotencyKey, null, lines);
    }

    /** An order whose key counts within {@code scope}, one customer's session as the web tier names it. */
    public OrderPlaced order(String idempotencyKey, String scope, OrderLine... lines) {
        return OrderPlaced.of(UUID.randomUUID(), idempotencyKey, scope, new Customer("Ada Baker", "ada@example.org"),
                List.of(lines), Instant.now().plus(Duration.ofHours(2)), Instant.now(), "web-test");
    }

    public void place(OrderPlaced order) {
        kafka.send(Topics.ORDERS_PLACED, order);
    }

    /**
     * Places {@code behind} on the partition of {@code ahead} (keys pick partitions): once it is
     * announced, every record of {@code ahead} written before it has been handled.
     */
    public void placeBehind(OrderPlaced ahead, OrderPlaced behind) {
        kafka.send(Topics.ORDERS_PLACED, ahead.key(), new EventSerializer().serialize(Topics.ORDERS_PLACED, behind));
    }

    /** Places an order of these lines and waits until order-service accepted it. */
    public OrderPlaced accepted(OrderLine... lines) {
        OrderPlaced order = order(lines);
        place(order);
        awaitStatus(order.orderId(), OrderStatus.ACCEPTED);
        return order;
    }

    /** Waits until every record of {@code ahead} placed so far has been handled: a marker order behind it is accepted. */
    public void awaitHandled(OrderPlaced ahead) {
        OrderPlaced marker = order(line("pretzel", 1));
        placeBehind(ahead, marker);
        awaitStatus(marker.orderId(), OrderStatus.ACCEPTED);
    }

    public void ovenStarts(UUID orderId) {
        kafka.send(Topics.BAKE_EVENTS, BakeEvent.started(orderId, "oven-test", Instant.now()));
    }

    public void ovenFinishes(UUID orderId) {
        kafka.send(Topics.BAKE_EVENTS, BakeEvent.finished(orderId, "oven-test", Instant.now()));
    }

    /**
     * An oven starts {@code marker}, reported on the partition of {@code ahead}: once the marker
     * shows BAKING, every bake event of {@code ahead} written before it has been handled.
     */
    public void ovenStartsBehind(UUID ahead, UUID marker) {
        kafka.send(Topics.BAKE_EVENTS, ahead.toString(),
                new EventSerializer().serialize(Topics.BAKE_EVENTS, BakeEvent.started(marker, "oven-test", Instant.now())));
    }

    public void staff(UUID orderId, OrderCommand.Action action) {
        kafka.send(Topics.ORDERS_COMMANDS, OrderCommand.of(orderId, action, "staff-test", Instant.now()));
    }

    /** Every status event of the order now on the topic, in order. */
    public List<OrderStatusChanged> statuses(UUID orderId) {
        return kafka.readAll(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer()).stream()
                .map(r -> r.value()).filter(e -> e.orderId().equals(orderId)).toList();
    }

    /** Waits until the order has an event in {@code status} and returns all its events. */
    public List<OrderStatusChanged> awaitStatus(UUID orderId, OrderStatus status) {
        return kafka.awaitValues(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer(),
                e -> e.orderId().equals(orderId), events -> events.stream().anyMatch(e -> e.status() == status));
    }

    /** Waits until the order has an event with a reason (a refusal) and returns all its events. */
    public List<OrderStatusChanged> awaitRefusal(UUID orderId) {
        return kafka.awaitValues(Topics.ORDERS_STATUS, new OrderStatusChangedDeserializer(),
                e -> e.orderId().equals(orderId), events -> events.stream().anyMatch(e -> e.reason() != null));
    }

    public List<BakeRequest> bakeRequests(UUID orderId) {
        return kafka.readAll(Topics.BAKE_REQUESTS, new BakeRequestDeserializer()).stream()
                .map(r -> r.value()).filter(e -> e.orderId().equals(orderId)).toList();
    }

    public OrderView view(UUID orderId) {
        String body = given().get("/orders/" + orderId).then().statusCode(200).extract().asString();
        try {
            return EventJson.MAPPER.readValue(body, OrderView.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("order view is not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
