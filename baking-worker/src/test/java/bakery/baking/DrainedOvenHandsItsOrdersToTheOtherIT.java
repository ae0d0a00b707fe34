package bakery.baking;

import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.testkit.Await;
import bakery.testkit.ReadinessProbe;
import bakery.testkit.ServiceProcess;

/**
 * Two bakers as separate JVMs; one is taken out of rotation through its management port while it
 * bakes, stays up, and comes back.
 */
class DrainedOvenHandsItsOrdersToTheOtherIT {

    private static final int ORDERS = 60;
    private static final int SLOTS = 4;
    private static final Duration RUN = Duration.ofSeconds(180);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final String ROTATION_CHECK = "in rotation";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final OvenProcesses servers = new OvenProcesses();

    private OvenWatch watch;
    private ServiceProcess drained;
    private ServiceProcess other;

    @BeforeEach
    void startTwoOvens() {
        watch = new OvenWatch(servers.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        drained = servers.oven("oven-drained-" + run, SLOTS, 0.01);
        other = servers.oven("oven-other-" + run, SLOTS, 0.01);
        OvenProcesses.startSharing(watch, List.of(drained, other));
    }

    @AfterEach
    void stopOvens() {
        drained.close();
        other.close();
        watch.close();
    }

    @Test
    void aDrainedBakerFinishesWhatItHoldsLeavesEveryNewOrderToTheOtherStaysAliveAndComesBack() throws Exception {
        List<UUID> before = sendOrders();
        Await.within(RUN, "the baker to be drained is baking").pollInterval(LOOK_EVERY)
                .until(() -> finishedBy(drained, before) >= 2);

        JsonNode answer = rotation(drained, "/drain");
        assertThat(answer.path("drained").asBoolean()).as("drain answer %s", answer).isTrue();
        assertThat(answer.path("inHand").asInt()).as("orders still in its oven when the drain answered").isZero();

        ReadinessProbe probe = ReadinessProbe.of(drained.managementUrl());
        probe.awaitDownNaming(ROTATION_CHECK);
        assertThat(probe.live().status()).as("a drained baker is alive").isEqualTo(200);
        awaitMembersWithPartitions(1, "the other baker holds every partition");

        List<UUID> whileDrained = sendOrders();
        awaitAllRequestsSettled();
        assertThat(drained.isAlive()).as("the drained baker still runs").isTrue();
        Map<UUID, List<BakeEvent>> all = byOrder(before, whileDrained);
        all.forEach((order, its) -> assertThat(its).as("events of %s", order)
                .extracting(BakeEvent::stage).containsExactly(STARTED, FINISHED));
        whileDrained.forEach(order -> assertThat(all.get(order)).as("events of %s, sent while drained", order)
                .extracting(BakeEvent::workerNode).containsOnly(other.name()));

        JsonNode back = rotation(drained, "/undrain");
        assertThat(back.path("drained").asBoolean()).as("undrain answer %s", back).isFalse();
        probe.awaitUp();
        awaitMembersWithPartitions(2, "both bakers hold partitions again");

        List<UUID> after = sendOrders();
        awaitAllRequestsSettled();
        byOrder(after).forEach((order, its) -> assertThat(its).as("events of %s", order)
                .extracting(BakeEvent::stage).containsExactly(STARTED, FINISHED));
        assertThat(finishedBy(drained, after)).as("orders the returned baker baked").isPositive();
    }

    private static JsonNode rotation(ServiceProcess oven, String action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(oven.managementUrl() + "/rotation" + action))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /rotation%s: %s", action, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<UUID> sendOrders() {
        List<BakeRequest> requests = IntStream.range(0, ORDERS).mapToObj(i -> OvenWatch.order(30)).toList();
        requests.forEach(watch::request);
        return requests.stream().map(BakeRequest::orderId).toList();
    }

    @SafeVarargs
    private Map<UUID, List<BakeEvent>> byOrder(List<UUID>... batches) {
        List<UUID> orders = java.util.Arrays.stream(batches).flatMap(List::stream).toList();
        Map<UUID, List<BakeEvent>> byOrder = watch.eventsOf(orders).stream()
                .collect(Collectors.groupingBy(BakeEvent::orderId));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        return byOrder;
    }

    private long finishedBy(ServiceProcess oven, List<UUID> orders) {
        return watch.eventsOf(orders).stream().filter(e -> e.stage() == FINISHED && e.workerNode().equals(oven.name())).count();
    }

    private void awaitMembersWithPartitions(int members, String what) throws Exception {
        try {
            Await.within(Duration.ofSeconds(60), what).pollInterval(LOOK_EVERY)
                    .until(() -> watch.groupMembersWithPartitions() == members);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ", but the group is " + watch.describeGroup(), e);
        }
    }

    private void awaitAllRequestsSettled() {
        Await.within(RUN, "every bake request committed").pollInterval(LOOK_EVERY).until(watch::allRequestsCommitted);
    }
}
