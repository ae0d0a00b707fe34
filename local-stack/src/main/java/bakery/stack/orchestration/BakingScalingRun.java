package bakery.stack.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeLine;
import bakery.contracts.BakeRequest;
import bakery.contracts.OrderIds;
import bakery.contracts.Topics;
import bakery.contracts.serde.BakeEventDeserializer;
import bakery.contracts.serde.EventSerializer;
import bakery.load.report.BakingScaling;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.process.Pids;
import bakery.stack.figures.KeyFigures;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;

/**
 * Baking throughput at 1, 2, 4, 12 ... instances: the same number of bake requests with one fixed bake
 * time, spread evenly over the partitions (so no instance gets more than its share), written
 * straight to {@code bake.requests} with fresh order ids once the group has nothing queued; the
 * time from the step's first request to the last BakeFinished of the step's own orders. A step
 * faster than its ovens can bake is refused: its figure, and every efficiency from it, would be
 * wrong. The order-service ignores the bake events of these orders: it never placed them.
 */
public final class BakingScalingRun {

    static final String GROUP = "baking-worker";
    static final String SKU = "bench-bread";

    private final LocalStack stack;

    public BakingScalingRun(LocalStack stack) {
        this.stack = stack;
    }

    public List<BakingScaling.Run> run() {
        int before = stack.requireRunning().nodes(Service.BAKING_WORKER).size();
        List<BakingScaling.Run> runs = new ArrayList<>();
        try {
            for (String n : stack.settings().list("bench.scaling.instances")) {
                runs.add(bakeWith(Integer.parseInt(n)));
            }
        } finally {
            stack.scale(Service.BAKING_WORKER, before);
        }
        return runs;
    }

    private BakingScaling.Run bakeWith(int instances) {
        stack.scale(Service.BAKING_WORKER, instances);
        Duration timeout = stack.settings().duration("bench.scaling.timeout");
        awaitGroup(instances, timeout);
        int orders = stack.settings().number("bench.scaling.orders");
        int ovenSeconds = stack.settings().number("bench.scaling.bake-seconds");
        String speedFactor = System.getenv("OVEN_SPEED_FACTOR");
        int bakeSeconds = bakeSecondsAtOvenSpeed(ovenSeconds, speedFactor);
        int slots = slots(instances);
        try (KafkaConsumer<String, BakeEvent> events = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> eventPartitions = partitions(events, Topics.BAKE_EVENTS);
            events.assign(eventPartitions);
            events.seekToEnd(eventPartitions);
            eventPartitions.forEach(events::position);
            int partitions = producer.partitionsFor(Topics.BAKE_REQUESTS).size();
            // Untimed: one instant bake per partition, so every worker has fetched, leased and
            // published once; a node's first records are slower than its steady pace.
            bake(producer, events, partitions, partitions, 0, timeout);
            Instant start = Instant.now();
            Instant last = bake(producer, events, orders, partitions, bakeSeconds, timeout);
            double seconds = Duration.between(start, last).toMillis() / 1000.0;
            BakingScaling.Run run = new BakingScaling.Run(instances, orders, seconds);
            try {
                BakingScaling.requirePossible(run, bakeSeconds * OrderPace.speedFactor(speedFactor), slots,
                        Double.parseDouble(stack.settings().text("bench.scaling.oven-slack")));
            } catch (BakingScaling.ImpossibleRun e) {
                throw new StackException(e.getMessage()
                        + ". The workers do not bake for the time the requests ask: they run at "
                        + "another OVEN_SPEED_FACTOR than this shell's (" + (speedFactor == null ? "unset, 1.0" : speedFactor)
                        + "). Run bench from the shell, with the OVEN_SPEED_FACTOR, that started the stack", e);
            }
            stack.progress().step(String.format(
                    "%d baking-worker(s), %d slots: %d orders in %.1f s, %.2f orders/s (the ovens allow "
                            + "at most %.2f)",
                    instances, slots, orders, seconds, orders / seconds,
                    orders / BakingScaling.fastestPossibleSeconds(orders, bakeSeconds * OrderPace.speedFactor(speedFactor),
                            slots)));
            return run;
        }
    }

    /** Writes {@code orders} bake requests round-robin over the partitions; returns when the last one finished. */
    private Instant bake(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, BakeEvent> events,
            int orders, int partitions, int bakeSeconds, Duration timeout) {
        Set<UUID> waiting = new HashSet<>();
        Instant start = Instant.now();
        for (int i = 0; i < orders; i++) {
            UUID id = OrderIds.next();
            waiting.add(id);
            BakeRequest request = BakeRequest.of(id, List.of(new BakeLine(SKU, 1, bakeSeconds)), Instant.now());
            producer.send(new ProducerRecord<>(Topics.BAKE_REQUESTS, i % partitions, id.toString(),
                    new EventSerializer().serialize(Topics.BAKE_REQUESTS, request)));
        }
        producer.flush();
        Instant last = start;
        Instant deadline = start.plus(timeout);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, BakeEvent> r : events.poll(stack.settings().duration("probe-interval"))) {
                if (r.value().stage() == BakeEvent.Stage.FINISHED && waiting.remove(r.value().orderId())) {
                    last = Instant.ofEpochMilli(r.timestamp());
                }
            }
        }
        if (!waiting.isEmpty()) {
            throw new StackException(waiting.size() + " of " + orders + " bench bake requests were not baked within "
                    + timeout.toSeconds() + " s");
        }
        return last;
    }

    /**
     * The bake time to write so the ovens take {@code seconds}: nodes started from this shell bake
     * {@code bakeSeconds x OVEN_SPEED_FACTOR} (docs/workers.md).
     */
    static int bakeSecondsAtOvenSpeed(int seconds, String speedFactor) {
        return (int) Math.max(1, Math.round(seconds / OrderPace.speedFactor(speedFactor)));
    }

    /** The oven slots of the step's workers, as they report them. */
    private int slots(int instances) {
        List<Integer> ports = stack.requireRunning().nodes(Service.BAKING_WORKER).stream().filter(stack::running)
                .map(Instance::managementPort).toList();
        KeyFigures.Ovens ovens = new KeyFigures(stack.settings().duration("probe-timeout")).ovens(ports);
        if (ovens.bakers() != instances) {
            throw new StackException(ovens.bakers() + " of " + instances + " baking workers reported their oven slots");
        }
        return ovens.slots();
    }

    /**
     * The group is settled: every partition is owned, each instance has its share (one consumer per
     * node), and there is no lag. A cooperative rebalance first revokes, then hands the partitions on
     * in a second round; timing before that round would let the old workers bake the new ones' share.
     */
    private void awaitGroup(int instances, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(), stack.settings().duration("probe-timeout"))) {
            while (Instant.now().isBefore(deadline)) {
                List<ConsumerLag.TopicLag> l = lag.of(GROUP, List.of(Topics.BAKE_REQUESTS));
                if (!l.isEmpty() && l.get(0).lag() == 0 && lag.sharedEvenly(GROUP, Topics.BAKE_REQUESTS, instances)) {
                    return;
                }
                Pids.pause(stack.settings().duration("probe-interval"));
            }
        }
        throw new StackException("the " + GROUP + " group did not settle with " + instances + " member(s) and no lag within "
                + timeout.toSeconds() + " s");
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, BakeEvent> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new BakeEventDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
