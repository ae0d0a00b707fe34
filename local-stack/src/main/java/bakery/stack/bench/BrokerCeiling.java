package bakery.stack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import bakery.contracts.Customer;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.Topics;
import bakery.contracts.serde.EventSerializer;
import bakery.servers.kafka.KafkaAdmin;
import bakery.servers.process.NodeLauncher;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.StackException;

/**
 * What the stack's one Kafka broker takes: Kafka's own ProducerPerformance, {@code acks=all} and
 * idempotent as the bakery's producers, records the size of a checkout's {@code OrderPlaced}, into a
 * throw-away topic with the stack's partition count.
 */
public record BrokerCeiling(double recordsPerSecond, int recordBytes, String command) {

    static final String TOPIC = "bench.producer-performance";
    static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";

    /** Sends {@code records} records, its output kept in {@code output}. */
    public static BrokerCeiling measure(LocalStack stack, int records, Path output, Duration timeout) {
        int recordBytes = checkoutRecordBytes();
        createTopic(stack, stack.settings().number("kafka.partitions"));
        List<String> tool = List.of(PRODUCER_PERFORMANCE, "--topic", TOPIC, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordBytes), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + stack.kafka().bootstrapServers(), "acks=all",
                "enable.idempotence=true");
        List<String> command = new ArrayList<>(
                List.of(NodeLauncher.java(), "-Xmx256m", "-cp", stack.layout().stackLib() + "/*"));
        command.addAll(tool);
        try {
            double perSecond = Ceilings.producerRecordsPerSecond(Tool.run(command, output, timeout)).orElse(0);
            return new BrokerCeiling(perSecond, recordBytes, String.join(" ", tool));
        } finally {
            deleteTopic(stack);
        }
    }

    /** The size of a checkout's record on orders.placed: one line, as the benchmark's customers place it. */
    static int checkoutRecordBytes() {
        Instant now = Instant.now();
        OrderPlaced order = OrderPlaced.of(OrderIds.next(), "bench-" + UUID.randomUUID(),
                new Customer("Bench Customer", "bench@example.com"),
                List.of(new OrderLine("croissant", "Butter croissant", 3, 180)), now.plus(2, ChronoUnit.HOURS), now, "web-1");
        return new EventSerializer().serialize(Topics.ORDERS_PLACED, order).length;
    }

    private static void createTopic(LocalStack stack, int partitions) {
        try (Admin admin = KafkaAdmin.create(stack.kafka().bootstrapServers())) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
        } catch (Exception e) {
            throw new StackException("could not create " + TOPIC + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTopic(LocalStack stack) {
        try (Admin admin = KafkaAdmin.create(stack.kafka().bootstrapServers())) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        } catch (Exception leftOver) {
            // An extra benchmark topic does the bakery no harm.
        }
    }
}
