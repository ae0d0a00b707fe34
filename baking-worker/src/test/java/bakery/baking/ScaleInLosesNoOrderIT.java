package bakery.baking;

import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.testkit.Await;
import bakery.testkit.ServiceProcess;

/** Two baking-worker instances as separate JVMs ({@link OvenProcesses}); one of them leaves mid-run. */
class ScaleInLosesNoOrderIT {

    private static final int ORDERS = 200;
    private static final int SLOTS = 4;
    /** Generous: on a shared CI machine the surviving oven may bake several times slower. */
    private static final Duration RUN = Duration.ofSeconds(180);
    /** Each look reads the whole bake.events topic or the group's offsets: not every 50 ms. */
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    @RegisterExtension
    static final OvenProcesses servers = new OvenProcesses();

    private OvenWatch watch;
    private ServiceProcess leaving;
    private ServiceProcess staying;

    @BeforeEach
    void startTwoOvens() {
        watch = new OvenWatch(servers.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        leaving = servers.oven("oven-leaving-" + run, SLOTS, 0.01);
        staying = servers.oven("oven-staying-" + run, SLOTS, 0.01);
        OvenProcesses.startSharing(watch, List.of(leaving, staying));
    }

    @AfterEach
    void stopOvens() {
        leaving.close();
        staying.close();
        watch.close();
    }

    @Test
    void killingAnInstanceMidRunLosesNoOrderRebakesOnlyWhatWasInItsOvenAndNothingTwice() {
        List<UUID> orders = sendOrders();
        Await.within(RUN, "the leaving oven is busy").pollInterval(LOOK_EVERY)
                .until(() -> finishedBy(leaving, orders) >= ORDERS / 5);

        leaving.kill();

        awaitAllRequestsSettled();
        List<BakeEvent> events = watch.eventsOf(orders);
        Map<UUID, List<BakeEvent>> byOrder = events.stream().collect(Collectors.groupingBy(BakeEvent::orderId));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        byOrder.forEach(
                (order, its) -> assertThat(its).as("events of %s", order).extracting(BakeEvent::stage).contains(FINISHED));

        // In the dead oven when it died: started there, never finished there. The other instance baked each once.
        Set<UUID> inDeadOven = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream()
                        .anyMatch(ev -> ev.stage() == STARTED && ev.workerNode().equals(leaving.name())))
                .filter(e -> e.getValue().stream()
                        .noneMatch(ev -> ev.stage() == FINISHED && ev.workerNode().equals(leaving.name())))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(inDeadOven).hasSizeBetween(1, SLOTS);
        inDeadOven.forEach(order -> assertThat(byOrder.get(order)).filteredOn(ev -> ev.stage() == FINISHED)
                .singleElement().extracting(BakeEvent::workerNode).isEqualTo(staying.name()));

        // Finished twice: only an order that came out of the dead oven before it was marked baked.
        // The survivor sends the dead oven's own BakeFinished again, the very same event: no second bake.
        Map<UUID, List<BakeEvent>> finishedTwice = byOrder.entrySet().stream()
                .filter(e -> e.getValue().stream().filter(ev -> ev.stage() == FINISHED).count() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(finishedTwice.size()).isLessThanOrEqualTo(SLOTS - inDeadOven.size());
        finishedTwice.values().forEach(its -> assertThat(its).filteredOn(ev -> ev.stage() == FINISHED)
                .extracting(BakeEvent::workerNode).containsOnly(leaving.name()));
        byOrder.forEach((order, its) -> assertThat(its.stream().filter(ev -> ev.stage() == FINISHED).distinct())
                .as("different BakeFinished events of %s", order).hasSize(1));
        System.out.printf("kill -9 mid-run: %d orders, %d in the dead oven re-baked once each, %d out of it sent again%n",
                ORDERS, inDeadOven.size(), finishedTwice.size());
    }

    @Test
    void terminatingAnInstanceMidRunDrainsItExitsCleanAndNothingIsLostOrBakedTwice() {
        List<UUID> orders = sendOrders();
        Await.within(RUN, "the leaving oven is busy").pollInterval(LOOK_EVERY)
                .until(() -> finishedBy(leaving, orders) >= ORDERS / 5);

        long stopping = System.nanoTime();
        int exit = leaving.terminate(Duration.ofSeconds(25));
        Duration drained = Duration.ofNanos(System.nanoTime() - stopping);

        assertThat(exit).as("exit code after SIGTERM").isZero();
        awaitAllRequestsSettled();
        Map<UUID, List<BakeEvent>> byOrder = watch.eventsOf(orders).stream().collect(Collectors.groupingBy(BakeEvent::orderId));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        byOrder.forEach((order, its) -> assertThat(its).as("events of %s", order)
                .extracting(BakeEvent::stage).containsExactly(STARTED, FINISHED));
        System.out.printf("SIGTERM mid-run: exited 0 after %d ms; %d orders each baked exactly once%n", drained.toMillis(),
                ORDERS);
    }

    private List<UUID> sendOrders() {
        List<BakeRequest> requests = IntStream.range(0, ORDERS).mapToObj(i -> OvenWatch.order(30)).toList();
        requests.forEach(watch::request);
        return requests.stream().map(BakeRequest::orderId).toList();
    }

    private long finishedBy(ServiceProcess oven, List<UUID> orders) {
        return watch.eventsOf(orders).stream().filter(e -> e.stage() == FINISHED && e.workerNode().equals(oven.name())).count();
    }

    private void awaitAllRequestsSettled() {
        try {
            Await.within(RUN, "every bake request committed").pollInterval(LOOK_EVERY).until(watch::allRequestsCommitted);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; " + diagnosis() + "; see " + staying.log(), e);
        }
    }

    private String diagnosis() {
        try {
            return "requests not committed per partition " + watch.uncommittedRequests() + ", group " + watch.describeGroup();
        } catch (Exception e) {
            return "offsets unknown (" + e + ")";
        }
    }
}
