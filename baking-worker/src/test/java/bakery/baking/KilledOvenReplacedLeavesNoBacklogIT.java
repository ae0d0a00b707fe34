package bakery.baking;

import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.testkit.Await;
import bakery.testkit.ServiceProcess;

/**
 * {@code ./bakery chaos kill-baker} in small: one of two ovens is killed while orders bake, and a
 * replacement starts at once. The replacement's arrival starts a rebalance that waits for the dead
 * member until its session times out; all that time the surviving oven bakes on, but Kafka refuses
 * its commits ("the consumer is undergoing a rebalance"). Once every order is baked, the group must
 * have committed every request, or autoscaling and the next run see a backlog that is not there.
 */
class KilledOvenReplacedLeavesNoBacklogIT {

    private static final int SLOTS = 2;
    private static final double SPEED_FACTOR = 0.02;
    /**
     * How long the broker waits for a silent member: the rebalance the replacement starts lasts until
     * then. Longer than a replacement needs to start on a loaded machine, so that the survivor's last
     * bakes fall inside that rebalance.
     */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    /** Orders arrive steadily, well below what one oven bakes, from before the kill until the replacement is up. */
    private static final Duration ORDER_EVERY = Duration.ofMillis(400);
    private static final Duration RUN = Duration.ofSeconds(180);
    /** Once the last order is out of the oven, a few commit intervals (500 ms) are all a group needs to be done. */
    private static final Duration COMMITTED_WITHIN = Duration.ofSeconds(20);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);

    private static OvenProcesses servers;

    private final List<UUID> orders = new CopyOnWriteArrayList<>();
    private OvenWatch watch;
    private ServiceProcess dying;
    private ServiceProcess surviving;
    private ServiceProcess replacement;
    private ScheduledExecutorService customers;

    @BeforeAll
    static void startServers() {
        servers = new OvenProcesses();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @BeforeEach
    void startTwoOvens() {
        watch = new OvenWatch(servers.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        dying = oven("oven-dying-" + run);
        surviving = oven("oven-surviving-" + run);
        replacement = oven("oven-replacement-" + run);
        OvenProcesses.startAll(List.of(dying, surviving));
        Await.within(Duration.ofSeconds(60), "both ovens share the partitions")
                .until(() -> watch.groupMembersWithPartitions() == 2);
    }

    @AfterEach
    void stopOvens() {
        if (customers != null) {
            customers.shutdownNow();
        }
        List.of(dying, surviving, replacement).forEach(ServiceProcess::close);
        watch.close();
    }

    @Test
    void aKilledOvenReplacedWhileTheOtherBakesLeavesEveryBakedRequestCommitted() throws Exception {
        customers = Executors.newSingleThreadScheduledExecutor();
        customers.scheduleAtFixedRate(this::order, 0, ORDER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Await.within(RUN, "the dying oven is busy").pollInterval(LOOK_EVERY)
                .until(() -> finishedBy(dying) >= SLOTS);

        dying.kill();
        replacement.startAndAwaitReady();
        customers.shutdown();
        assertThat(customers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        Map<UUID, List<BakeEvent>> byOrder = awaitEveryOrderBaked();
        try {
            Await.within(COMMITTED_WITHIN, "every baked request committed").pollInterval(LOOK_EVERY)
                    .until(watch::allRequestsCommitted);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("all " + orders.size() + " orders are baked, but the group has not committed "
                    + watch.uncommittedRequests() + " (requests per partition), group " + watch.describeGroup()
                    + "; see " + surviving.log() + " and " + replacement.log(), e);
        }

        byOrder.forEach((order, its) -> assertThat(its.stream().filter(ev -> ev.stage() == FINISHED).distinct())
                .as("different BakeFinished events of %s", order).hasSize(1));
        System.out.printf("kill -9 and replacement: %d orders baked once each, every request committed%n", orders.size());
    }

    private ServiceProcess oven(String node) {
        return servers.oven(node, SLOTS, SPEED_FACTOR)
                .with("mp.messaging.incoming.bake-requests.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
    }

    private void order() {
        BakeRequest request = OvenWatch.order(30);
        watch.request(request);
        orders.add(request.orderId());
    }

    private long finishedBy(ServiceProcess oven) {
        return watch.eventsOf(orders).stream().filter(e -> e.stage() == FINISHED && e.workerNode().equals(oven.name())).count();
    }

    private Map<UUID, List<BakeEvent>> awaitEveryOrderBaked() {
        return Await.within(RUN, "every order baked").pollInterval(LOOK_EVERY)
                .until(() -> watch.eventsOf(orders).stream().collect(Collectors.groupingBy(BakeEvent::orderId)),
                        byOrder -> byOrder.keySet().containsAll(orders) && byOrder.values().stream()
                                .allMatch(its -> its.stream().anyMatch(ev -> ev.stage() == FINISHED)));
    }
}
