package bakery.orders.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bakery.contracts.OrderPlaced;
import bakery.contracts.Topics;
import bakery.contracts.serde.EventSerializer;
import bakery.orders.Bakery;
import bakery.orders.OrderServiceTest;
import bakery.orders.outbox.Outbox;
import bakery.testkit.Await;
import bakery.testkit.KafkaBroker;

/**
 * How many placed orders one order-service instance stores and announces per second, against the
 * same work done one transaction per order, measured in the same run on the same servers. Prints
 * numbers; asserts only that every order was stored. Skipped in {@code verify}: run it with
 * {@code ./mvnw -B verify -pl order-service -Dbenchmark=true -Dit.test=IntakeThroughputBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (orders: {@code -Dbench.orders=50000}).
 */
@QuarkusTest
@OrderServiceTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IntakeThroughputBenchmarkIT {

    private static final int ORDERS = Integer.getInteger("bench.orders", 50_000);
    private static final int SINGLE_ORDERS = Integer.getInteger("bench.single-orders", 3_000);

    @Inject
    OrderIntake intake;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Test
    void ordersPerSecond() {
        try (Bakery bakery = new Bakery()) {
            String run = "bench-" + UUID.randomUUID();

            // One transaction per order, through the same code (publishing behind, as the intake does), for the ratio.
            List<OrderPlaced> single = orders(bakery, run + "-single", SINGLE_ORDERS);
            long t0 = System.nanoTime();
            for (OrderPlaced order : single) {
                intake.store(List.of(order)).chain(outbox::publishBehind).await().indefinitely();
            }
            double singleRate = SINGLE_ORDERS / seconds(System.nanoTime() - t0);

            // Batches, through Kafka, as in production.
            List<OrderPlaced> batched = orders(bakery, run, ORDERS);
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
                EventSerializer serializer = new EventSerializer();
                for (OrderPlaced order : batched) {
                    producer.send(new ProducerRecord<>(Topics.ORDERS_PLACED, order.key(),
                            serializer.serialize(Topics.ORDERS_PLACED, order)));
                }
            }
            double produced = seconds(System.nanoTime() - start);
            Await.within(Duration.ofMinutes(5), "every order stored and announced")
                    .until(() -> stored(run) == ORDERS && outboxEmpty());
            double endToEnd = seconds(System.nanoTime() - start);
            Row span = pool
                    .preparedQuery(
                            "SELECT extract(epoch FROM max(updated_at) - min(updated_at)) AS s FROM orders WHERE web_node = $1")
                    .execute(Tuple.of(run)).await().indefinitely().iterator().next();
            double storing = span.getDouble("s");

            System.out.printf("%n=== order-service intake benchmark (%d orders, 2 lines each) ===%n", ORDERS);
            System.out.printf("one transaction per order : %,10.0f orders/s (%d orders)%n", singleRate, SINGLE_ORDERS);
            System.out.printf("batched, first to last row: %,10.0f orders/s (%.2f s)%n", ORDERS / storing, storing);
            System.out.printf(
                    "batched, end to end       : %,10.0f orders/s (%.2f s from first send to every order stored and its events published; producing took %.2f s)%n",
                    ORDERS / endToEnd, endToEnd, produced);
            System.out.printf("ratio batched/single      : %10.1f x%n%n", (ORDERS / endToEnd) / singleRate);
            assertThat(stored(run)).isEqualTo(ORDERS);
        }
    }

    private static List<OrderPlaced> orders(Bakery bakery, String webNode, int count) {
        List<OrderPlaced> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            OrderPlaced o = bakery.order(bakery.line("croissant", 2), bakery.line("baguette", 1));
            orders.add(OrderPlaced.of(o.orderId(), o.idempotencyKey(), o.customer(), o.lines(), o.pickupAt(), o.placedAt(),
                    webNode));
        }
        return orders;
    }

    private long stored(String webNode) {
        return pool.preparedQuery("SELECT count(*) FROM orders WHERE web_node = $1").execute(Tuple.of(webNode))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private boolean outboxEmpty() {
        return pool.query("SELECT count(*) FROM outbox").execute().await().indefinitely().iterator().next().getLong(0) == 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
