package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import bakery.contracts.Topics;
import bakery.contracts.scaling.WorkerScaling;
import bakery.contracts.serde.EventJson;
import bakery.defaults.NodeHeartbeat;
import bakery.testkit.Await;
import bakery.testkit.KafkaBroker;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ThisNode;
import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.SseStream;
import bakery.web.WebTierTest;

/** The ops console against real Redis and a real Kafka broker: what an ops person sees and who may see it. */
@QuarkusTest
@WebTierTest
class OpsConsoleIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    NodeHeartbeat heartbeat;

    private final ThisNode self = ThisNode.ofConfig();

    @Test
    void listsThisNodeAndAnotherNodesHeartbeatWithVersionUptimeAndRequestsServed() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        String other = "web-other-" + UUID.randomUUID();
        beat(other, "9.9.9", self.version(), Instant.now().minus(Duration.ofHours(2)), 42, Duration.ofMinutes(1));

        Await.untilAsserted("both nodes listed", () -> {
            JsonNode nodes = snapshot(ops).path("nodes");
            assertThat(find(nodes, "id", self.id()).path("version").asText()).isEqualTo(self.version());
            assertThat(find(nodes, "id", self.id()).path("requestsServed").asLong()).isPositive();
            assertThat(find(nodes, "id", other).path("version").asText()).isEqualTo("9.9.9");
            assertThat(find(nodes, "id", other).path("requestsServed").asLong()).isEqualTo(42);
            assertThat(find(nodes, "id", other).path("uptimeSeconds").asLong())
                    .isGreaterThanOrEqualTo(Duration.ofHours(2).toSeconds());
        });
        assertThat(ops.get("/ops").body())
                .contains("data-testid=\"node-" + self.id() + "\"", "data-testid=\"node-" + other + "\"", "9.9.9",
                        "2 h 00 min");

        long before = find(snapshot(ops).path("nodes"), "id", self.id()).path("requestsServed").asLong();
        Shopper customer = new Shopper(node.toString());
        for (int i = 0; i < 5; i++) {
            customer.get("/");
        }
        Await.untilAsserted("the next heartbeat counts the new requests", () -> assertThat(
                find(snapshot(ops).path("nodes"), "id", self.id()).path("requestsServed").asLong())
                .isGreaterThanOrEqualTo(before + 5));
    }

    @Test
    void eachNodeShowsItsReleaseAndTheConsoleWarnsWhileTwoReleasesServeSideBySide() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        String older = "web-older-" + UUID.randomUUID();
        String previous = "0.9.0-1a2b3c4";
        beat(older, "0.9.0", previous, Instant.now(), 7, Duration.ofSeconds(3));

        JsonNode mixed = Await.until("the node of the release before listed", () -> snapshot(ops),
                s -> !find(s.path("nodes"), "id", older).isMissingNode());
        assertThat(find(mixed.path("nodes"), "id", self.id()).path("release").asText())
                .as("no launcher names a release here: the build's version stands for it").isEqualTo(self.version());
        assertThat(find(mixed.path("nodes"), "id", older).path("release").asText()).isEqualTo(previous);
        assertThat(find(mixed.path("nodes"), "id", older).path("service").asText()).isEqualTo("web-tier");
        assertThat(mixed.path("mixedReleases").asBoolean()).isTrue();
        assertThat(mixed.path("releases")).extracting(JsonNode::asText).contains(self.version(), previous);
        String page = ops.get("/ops").body();
        assertThat(page).contains("data-testid=\"node-release-" + older + "\">" + previous + "<",
                "data-testid=\"node-release-" + self.id() + "\">" + self.version() + "<");
        assertThat(page).containsPattern("data-testid=\"ops-mixed-releases\">The nodes run \\d+ releases side by side");

        Await.untilAsserted("the warning goes once the older node is gone", () -> {
            JsonNode now = snapshot(ops);
            assertThat(ids(now)).doesNotContain(older);
            assertThat(now.path("releases")).extracting(JsonNode::asText).containsExactly(self.version());
            assertThat(now.path("mixedReleases").asBoolean()).isFalse();
        });
        assertThat(ops.get("/ops").body()).contains("data-testid=\"ops-mixed-releases\" hidden");
    }

    @Test
    void theConsoleShowsWhatTheCapacityPolicyGivesNowWhatItCostsAndItsNextChange() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");

        String page = ops.get("/ops").body();

        assertThat(page).contains("data-testid=\"capacity-web-tier\"", "data-testid=\"capacity-baking-worker\"",
                "data-testid=\"capacity-monthly\"", "EUR");
        assertThat(page).containsPattern("data-testid=\"capacity-next\">[^<]* from \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    @Test
    void aNodeThatStopsBeatingDropsOffTheList() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        String gone = "web-gone-" + UUID.randomUUID();
        beat(gone, "1.0.0", self.version(), Instant.now(), 1, Duration.ofSeconds(2));

        Await.untilAsserted("listed while its heartbeat lasts", () -> assertThat(ids(snapshot(ops))).contains(gone));
        Await.untilAsserted("gone once it expired",
                () -> assertThat(ids(snapshot(ops))).doesNotContain(gone).contains(self.id()));
    }

    @Test
    void aConsumerGroupShowsItsLagPerPartitionAndInTotal() {
        String topic = "ops-lag-" + UUID.randomUUID();
        String group = "ops-lag-group-" + UUID.randomUUID();
        createTopic(topic, 3);
        produce(topic, 0, 10);
        produce(topic, 1, 6);
        produce(topic, 2, 4);
        // Processed 7 of partition 0 and all of partition 1; never got to partition 2.
        commit(group, Map.of(new TopicPartition(topic, 0), 7L, new TopicPartition(topic, 1), 6L));
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");

        JsonNode shown = Await.until("group listed", () -> find(snapshot(ops).path("kafka").path("groups"), "groupId", group),
                g -> !g.isMissingNode());
        assertThat(shown.path("totalLag").asLong()).isEqualTo(3 + 0 + 4);
        assertThat(lagOf(shown, topic, 0)).isEqualTo(3);
        assertThat(lagOf(shown, topic, 1)).isZero();
        assertThat(lagOf(shown, topic, 2)).as("never committed: counted from the earliest offset").isEqualTo(4);
        assertThat(partition(shown, topic, 0).path("committed").asLong()).isEqualTo(7);
        assertThat(partition(shown, topic, 0).path("endOffset").asLong()).isEqualTo(10);
        assertThat(partition(shown, topic, 2).path("committed").isNull()).isTrue();

        JsonNode topicShown = find(snapshot(ops).path("kafka").path("topics"), "name", topic);
        assertThat(topicShown.path("partitions").asInt()).isEqualTo(3);
        assertThat(topicShown.path("endOffsets")).extracting(JsonNode::asLong).containsExactly(10L, 6L, 4L);
        assertThat(ops.get("/ops").body()).contains("data-testid=\"group-lag-" + group + "\">7<",
                "data-testid=\"lag-" + group + "-" + topic + "-2\"");
    }

    @Test
    void deadLetterTopicsShowHowManyRecordsWait() {
        String deadLetters = Topics.deadLetter("ops-test-" + UUID.randomUUID());
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            kafka.ensureTopic(deadLetters, 1);
            for (int i = 0; i < 3; i++) {
                kafka.send(deadLetters, "order-" + i, "not an event");
            }
        }
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");

        Await.untilAsserted("three poison records counted", () -> assertThat(
                find(snapshot(ops).path("kafka").path("deadLetters"), "topic", deadLetters).path("records").asLong())
                .isEqualTo(3));
        assertThat(ops.get("/ops").body()).contains("data-testid=\"dlq-count-" + deadLetters + "\">3<");
    }

    @Test
    void theRecommendedBakerCountFollowsTheSharedRuleOnTheBakersLag() {
        WorkerScaling rule = WorkerScaling.shipped().get("baking-worker");
        commitEverything(rule.consumerGroup(), Topics.BAKE_REQUESTS);
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        Await.untilAsserted("no lag: the minimum", () -> {
            JsonNode bakers = find(snapshot(ops).path("kafka").path("workers"), "worker", "baking-worker");
            assertThat(bakers.path("lag").asLong()).isZero();
            assertThat(bakers.path("recommended").asInt()).isEqualTo(rule.min());
        });

        int waiting = 100;
        produce(Topics.BAKE_REQUESTS, null, waiting);

        JsonNode bakers = Await.until("the backlog is seen",
                () -> find(snapshot(ops).path("kafka").path("workers"), "worker", "baking-worker"),
                w -> w.path("lag").asLong() == waiting);
        int partitions = bakers.path("partitions").asInt();
        assertThat(partitions).isPositive();
        assertThat(bakers.path("recommended").asInt())
                .isEqualTo(rule.recommended(waiting, partitions))
                .isGreaterThan(rule.min());
        assertThat(bakers.path("lagThreshold").asLong()).isEqualTo(rule.lagThreshold());
        assertThat(ops.get("/ops").body())
                .contains("data-testid=\"recommended-baking-worker\"><strong>" + rule.recommended(waiting, partitions) + "<");
    }

    @Test
    void theLivePagePushesSnapshots() throws Exception {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        HttpResponse<String> page = ops.get("/ops");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"ops-nodes\"", "data-testid=\"ops-workers\"",
                "data-testid=\"ops-groups\"",
                "data-testid=\"ops-dead-letters\"", "data-testid=\"ops-topics\"", "/ops.js");

        try (SseStream events = ops.stream("/ops/events")) {
            Await.untilAsserted("two snapshots pushed", () -> assertThat(events.events())
                    .filteredOn(e -> "snapshot".equals(e.name())).hasSizeGreaterThanOrEqualTo(2));
            JsonNode pushed = EventJson.MAPPER.readTree(events.events().get(0).data());
            assertThat(ids(pushed)).contains(self.id());
            assertThat(pushed.path("kafka").path("reachable").asBoolean()).isTrue();
        }
    }

    @Test
    void onlyOpsMaySeeTheConsole() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        assertThat(staff.get("/ops").statusCode()).isEqualTo(403);
        assertThat(staff.get("/api/ops/snapshot").statusCode()).isEqualTo(403);
        try (SseStream stream = staff.stream("/ops/events")) {
            assertThat(stream.status()).isEqualTo(403);
        }

        Shopper anonymous = new Shopper(node.toString());
        for (String path : List.of("/ops", "/ops/events", "/api/ops/snapshot")) {
            HttpResponse<String> refused = anonymous.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
        }

        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        HttpResponse<String> json = ops.get("/api/ops/snapshot");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    /** Another web node's heartbeat, as that node writes it. */
    private void beat(String id, String build, String itsRelease, Instant started, long requests, Duration ttl) {
        heartbeat.beat(new NodeHeartbeat.Beat(id, "web-tier", build, itsRelease, "127.0.0.1:1", NodeHeartbeat.NO_CONTROL,
                started, requests), Instant.now(), ttl).await().indefinitely();
    }

    private static JsonNode snapshot(SignedInStaff ops) {
        HttpResponse<String> response = ops.get("/api/ops/snapshot");
        assertThat(response.statusCode()).isEqualTo(200);
        return Shopper.json(response);
    }

    private static List<String> ids(JsonNode snapshot) {
        return StreamSupport.stream(snapshot.path("nodes").spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> value.equals(n.path(field).asText()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    private static JsonNode partition(JsonNode group, String topic, int partition) {
        return StreamSupport.stream(group.path("partitions").spliterator(), false)
                .filter(p -> topic.equals(p.path("topic").asText()) && p.path("partition").asInt() == partition)
                .findFirst().orElseThrow();
    }

    private static long lagOf(JsonNode group, String topic, int partition) {
        return partition(group, topic, partition).path("lag").asLong();
    }

    private static String bootstrap() {
        return KafkaBroker.shared().bootstrapServers();
    }

    private static void createTopic(String topic, int partitions) {
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            kafka.admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code count} records to one partition, or spread by key when {@code partition} is null. */
    private static void produce(String topic, Integer partition, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, UUID.randomUUID().toString(), "record " + i));
            }
            producer.flush();
        }
    }

    /** Commits as a plain consumer of the group would after processing up to these offsets. */
    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        try (var consumer = consumer(group)) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

    private static void commitEverything(String group, String topic) {
        try (var consumer = consumer(group)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> commits.put(tp, new OffsetAndMetadata(end)));
            consumer.commitSync(commits);
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
