package bakery.orders.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import bakery.contracts.BakeRequest;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.Topics;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderMeters.Stage;
import bakery.defaults.OrderTrace;
import bakery.defaults.RecordsInHand;
import bakery.defaults.UnreadableRecord;
import bakery.orders.catalog.StoredCatalog;
import bakery.orders.intake.OrderBook.Judged;
import bakery.orders.lifecycle.OrderSnapshot;
import bakery.orders.outbox.Outbox;
import bakery.orders.outbox.OutboxMessage;
import bakery.orders.retry.PatientRetry;

/**
 * Takes placed orders from {@code orders.placed}, a Kafka batch per database transaction: judge
 * each against the catalog, enter the new ones, stage their status event (and, if accepted, their
 * bake request) in the outbox, commit, publish, and only then acknowledge the batch. A redelivered
 * batch finds its orders entered and stages nothing again; whatever the first delivery staged is
 * still in the outbox if it was never published. Each order's events carry on the trace of the
 * record that brought it (the customer's checkout).
 */
@ApplicationScoped
public class OrderIntake {

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    private final Pool pool;
    private final StoredCatalog catalog;
    private final OrderBook book;
    private final Outbox outbox;
    private final PatientRetry retry;
    private final OrderAcceptance acceptance;
    private final OrderMeters meters;
    private final RecordsInHand inHand;

    public OrderIntake(Pool pool, StoredCatalog catalog, OrderBook book, Outbox outbox, PatientRetry retry,
            IntakeRules rules, OrderMeters meters, RecordsInHand inHand) {
        this.pool = pool;
        this.inHand = inHand;
        this.meters = meters;
        this.catalog = catalog;
        this.book = book;
        this.outbox = outbox;
        this.retry = retry;
        this.acceptance = new OrderAcceptance(rules.maxLines(), rules.maxQuantity());
    }

    @Incoming("orders-placed")
    public Uni<Void> onOrdersPlaced(KafkaRecordBatch<String, OrderPlaced> batch) {
        return inHand.handle(() -> intake(batch));
    }

    private Uni<Void> intake(KafkaRecordBatch<String, OrderPlaced> batch) {
        List<KafkaRecord<String, OrderPlaced>> good = new ArrayList<>();
        List<KafkaRecord<String, OrderPlaced>> poison = new ArrayList<>();
        for (KafkaRecord<String, OrderPlaced> record : batch.getRecords()) {
            (record.getPayload() == null ? poison : good).add(record);
        }
        // Dead-letter only after the good records are stored: acknowledging a poison record may
        // commit the offsets of the records before it.
        return ingest(good)
                .chain(() -> Multi.createFrom().iterable(poison)
                        .onItem()
                        .transformToUniAndConcatenate(record -> deadLetter(record, UnreadableRecord.of(record).orElseThrow()))
                        .collect().last())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * Stores and announces the records. If the batch holds data PostgreSQL refuses, it is split
     * to find the record(s) at fault, which go to the dead-letter topic.
     */
    Uni<Void> ingest(List<KafkaRecord<String, OrderPlaced>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OrderPlaced> orders = records.stream().map(KafkaRecord::getPayload).toList();
        Map<UUID, String> traces = new HashMap<>();
        records.forEach(record -> traces.put(record.getPayload().orderId(), OrderTrace.traceparent(OrderTrace.of(record))));
        return retry.run("storing " + orders.size() + " placed orders", () -> store(orders, traces))
                .chain(outbox::publishBehind)
                .onFailure(PatientRetry::isBadData).recoverWithUni(failure -> {
                    if (records.size() == 1) {
                        return deadLetter(records.get(0),
                                new UnreadableRecord("the order cannot be stored: " + failure.getMessage()));
                    }
                    LOG.warnf("a batch of %d orders holds data the database refuses; storing one by one", records.size());
                    return Multi.createFrom().iterable(records)
                            .onItem().transformToUniAndConcatenate(record -> ingest(List.of(record)))
                            .collect().last().replaceWithVoid();
                });
    }

    /** The channel's dead-letter-queue strategy writes the record to orders.placed.dlq with the reason. */
    private Uni<Void> deadLetter(KafkaRecord<String, OrderPlaced> record, UnreadableRecord reason) {
        meters.deadLettered(Topics.deadLetter(Topics.ORDERS_PLACED));
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }

    /** One transaction: judge, enter what is new, stage its events (without traces). */
    public Uni<Outbox.Staged> store(List<OrderPlaced> orders) {
        return store(orders, Map.of());
    }

    /**
     * One transaction: judge, enter what is new, stage its events, each on its order's trace ({@code traceparent} by order id).
     */
    public Uni<Outbox.Staged> store(List<OrderPlaced> orders, Map<UUID, String> traces) {
        List<OrderPlaced> distinct = firstOfEach(orders);
        Set<String> skus = new HashSet<>();
        distinct.forEach(order -> order.lines().forEach(line -> skus.add(line.sku())));
        Instant now = Instant.now();
        return pool.withTransaction(tx -> catalog.find(tx, skus)
                .map(products -> distinct.stream().map(order -> new Judged(order, acceptance.judge(order, products))).toList())
                .chain(judged -> book.enter(tx, judged, now))
                .chain(entered -> outbox.stage(tx, announcements(entered, traces, now))
                        .map(staged -> new Stored(entered, staged))))
                // counted once committed: a retried transaction counts nothing twice
                .invoke(stored -> count(stored.entered(), traces))
                .map(Stored::staged);
    }

    private record Stored(List<Judged> entered, Outbox.Staged staged) {
    }

    private void count(List<Judged> entered, Map<UUID, String> traces) {
        for (Judged judged : entered) {
            if (judged.verdict().accepted()) {
                meters.reached(Stage.ACCEPTED);
            } else {
                meters.reached(Stage.REJECTED);
                meters.rejected(judged.verdict().rejection());
            }
            if (LOG.isDebugEnabled()) {
                UUID orderId = judged.order().orderId();
                OrderTrace.inLogs(orderId, OrderTrace.fromTraceparent(traces.get(orderId)));
                LOG.debugf("order %s entered as %s", orderId, judged.verdict().status());
            }
        }
        OrderTrace.leaveLogs();
    }

    /**
     * One order per id and per idempotency key within its scope (one customer; no scope is one
     * scope of its own), the first seen winning, as the constraints would decide across batches;
     * within one statement we decide it ourselves.
     */
    static List<OrderPlaced> firstOfEach(List<OrderPlaced> orders) {
        Map<Object, OrderPlaced> byId = new LinkedHashMap<>();
        Set<List<String>> keys = new HashSet<>();
        for (OrderPlaced order : orders) {
            List<String> scopedKey = List.of(Objects.requireNonNullElse(order.idempotencyScope(), ""), order.idempotencyKey());
            if (!byId.containsKey(order.orderId()) && keys.add(scopedKey)) {
                byId.put(order.orderId(), order);
            }
        }
        return List.copyOf(byId.values());
    }

    private static List<OutboxMessage> announcements(List<Judged> entered, Map<UUID, String> traces, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>(entered.size() * 2);
        for (Judged judged : entered) {
            OrderPlaced order = judged.order();
            String trace = traces.get(order.orderId());
            List<OrderLine> lines = judged.verdict().lines();
            OrderSnapshot snapshot = new OrderSnapshot(order.orderId(), judged.verdict().status(), 1, judged.verdict().reason(),
                    order.customer(), lines, judged.verdict().totalCents(), order.pickupAt(), order.placedAt());
            messages.add(OutboxMessage.of(Topics.ORDERS_STATUS, snapshot.announce(now), trace));
            if (judged.verdict().accepted()) {
                messages.add(OutboxMessage.of(Topics.BAKE_REQUESTS,
                        BakeRequest.of(order.orderId(), judged.verdict().bakeLines(), now), trace));
            }
        }
        return messages;
    }
}
