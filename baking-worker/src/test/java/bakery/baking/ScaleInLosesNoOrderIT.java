package bakery.baking;

import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.Topics;
import bakery.testkit.Await;
import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two baking-worker instances as separate JVMs (the packaged jar) on a broker and Redis of their
 * own, so that no other worker in this JVM's group takes part. One of them leaves mid-run.
 */
class ScaleInLosesNoOrderIT {

    private static final int ORDERS = 200;
    private static final int SLOTS = 4;
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private static KafkaBroker broker;
    private static RedisServer redis;

    private OvenWatch watch;
    private ServiceProcess leaving;
    private ServiceProcess staying;

    @BeforeAll
    static void startServers() throws Exception {
        broker = new KafkaBroker(FreePort.next(), Files.createTempDirectory("fadu-scale-in-kafka"), 4);
        broker.start();
        redis = new RedisServer(FreePort.next(), null);
        redis.start();
    }

    @AfterAll
    static void stopServers() {
        redis.close();
        broker.close();
    }

    @BeforeEach
    void startTwoOvens() {
        watch = new OvenWatch(broker.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        leaving = oven("oven-leaving-" + run).start();
        staying = oven("oven-staying-" + run).start();
        leaving.awaitReady();
        staying.awaitReady();
        Await.within(Duration.ofSeconds(60), "both ovens share the partitions").until(this::bothOvensHavePartitions);
    }

    @AfterEach
    void stopOvens() {
        leaving.close();
        staying.close();
        watch.close();
    }

    @Test
    void killingAnInstanceMidRunLosesNoOrderAndRebakesOnlyWhatWasInItsOven() {
        List<UUID> orders = sendOrders();
        Await.within(RUN, "the leaving oven is busy").until(() -> finishedBy(leaving, orders) >= ORDERS / 5);

        leaving.kill();

        awaitAllRequestsSettled();
        List<BakeEvent> events = watch.eventsOf(orders);
        Map<UUID, List<BakeEvent>> byOrder = events.stream().collect(Collectors.groupingBy(BakeEvent::orderId));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        byOrder.forEach((order, its) -> assertThat(its).as("events of %s", order).extracting(BakeEvent::stage).contains(FINISHED));

        // In the dead oven when it died: started there, never finished there. The other instance baked each once.
        Set<UUID> inDeadOven = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(ev -> ev.stage() == STARTED && ev.workerNode().equals(leaving.name())))
                .filter(e -> e.getValue().stream().noneMatch(ev -> ev.stage() == FINISHED && ev.workerNode().equals(leaving.name())))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(inDeadOven).hasSizeBetween(1, SLOTS);
        inDeadOven.forEach(order -> assertThat(byOrder.get(order)).filteredOn(ev -> ev.stage() == FINISHED)
                .singleElement().extracting(BakeEvent::workerNode).isEqualTo(staying.name()));

        // Finished twice: only an order the dead oven finished but had not yet marked baked when it died.
        Map<UUID, List<BakeEvent>> finishedTwice = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream().filter(ev -> ev.stage() == FINISHED).count() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(finishedTwice.size()).isLessThanOrEqualTo(SLOTS - inDeadOven.size());
        finishedTwice.values().forEach(its -> assertThat(its).filteredOn(ev -> ev.stage() == FINISHED)
                .extracting(BakeEvent::workerNode).containsExactly(leaving.name(), staying.name()));
        System.out.printf("kill -9 mid-run: %d orders, %d in the dead oven re-baked once each, %d finished twice%n",
                ORDERS, inDeadOven.size(), finishedTwice.size());
    }

    @Test
    void terminatingAnInstanceMidRunDrainsItExitsCleanAndNothingIsLostOrBakedTwice() {
        List<UUID> orders = sendOrders();
        Await.within(RUN, "the leaving oven is busy").until(() -> finishedBy(leaving, orders) >= ORDERS / 5);

        long stopping = System.nanoTime();
        int exit = leaving.terminate(Duration.ofSeconds(25));
        Duration drained = Duration.ofNanos(System.nanoTime() - stopping);

        assertThat(exit).as("exit code after SIGTERM").isZero();
        awaitAllRequestsSettled();
        Map<UUID, List<BakeEvent>> byOrder = watch.eventsOf(orders).stream().collect(Collectors.groupingBy(BakeEvent::orderId));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        byOrder.forEach((order, its) -> assertThat(its).as("events of %s", order)
                .extracting(BakeEvent::stage).containsExactly(STARTED, FINISHED));
        System.out.printf("SIGTERM mid-run: exited 0 after %d ms; %d orders each baked exactly once%n", drained.toMillis(), ORDERS);
    }

    private ServiceProcess oven(String node) {
        return new ServiceProcess(node, JAR, FreePort.next())
                .with("kafka.bootstrap.servers", broker.bootstrapServers())
                .with("quarkus.redis.hosts", redis.url())
                .with("bakery.node-id", node)
                .with("bakery.oven.slots", Integer.toString(SLOTS))
                .with("bakery.oven.speed-factor", "0.01")
                .with("bakery.oven.lease-ttl", "3s")
                .with("quarkus.shutdown.delay", "1s")
                .with("quarkus.otel.sdk.disabled", "true")
                // a dead member is noticed after the broker's minimum session timeout, not the default 45 s
                .with("mp.messaging.incoming.bake-requests.session.timeout.ms", "6000")
                .with("mp.messaging.incoming.bake-requests.heartbeat.interval.ms", "1000")
                .with("mp.messaging.incoming.bake-requests.auto.commit.interval.ms", "500");
    }

    private List<UUID> sendOrders() {
        List<BakeRequest> requests = IntStream.range(0, ORDERS).mapToObj(i -> OvenWatch.order(30)).toList();
        requests.forEach(watch::request);
        return requests.stream().map(BakeRequest::orderId).toList();
    }

    private long finishedBy(ServiceProcess oven, List<UUID> orders) {
        return watch.eventsOf(orders).stream().filter(e -> e.stage() == FINISHED && e.workerNode().equals(oven.name())).count();
    }

    private boolean bothOvensHavePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(OvenWatch.GROUP)).all().get().get(OvenWatch.GROUP);
            return group.groupState() == GroupState.STABLE && group.members().size() == 2
                    && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        }
    }

    /** Every bake request is committed by the group: the staying oven is done with all of them. */
    private void awaitAllRequestsSettled() {
        Await.within(RUN, "every bake request committed").until(() -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(OvenWatch.GROUP)
                        .partitionsToOffsetAndMetadata().get();
                List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.BAKE_REQUESTS)).allTopicNames().get()
                        .get(Topics.BAKE_REQUESTS).partitions().stream()
                        .map(p -> new TopicPartition(Topics.BAKE_REQUESTS, p.partition())).toList();
                var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                        .all().get();
                return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                        || committed.containsKey(p) && committed.get(p).offset() == ends.get(p).offset());
            }
        });
    }
}
