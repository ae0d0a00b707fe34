package bakery.baking;

import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.baking.oven.OvenConfig;
import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.defaults.NodeIdentity;

@QuarkusTest
class BakeRequestIsBakedIT extends BakingIT {

    @Inject
    OvenConfig oven;

    @Inject
    NodeIdentity node;

    @Test
    void anOrderStartsThenFinishesAfterItsBakeTimeScaledBySpeedFactor() {
        BakeRequest request = OvenWatch.order(60);
        watch.request(request);

        List<BakeEvent> events = watch.awaitFinished(List.of(request.orderId()));

        assertThat(events).extracting(BakeEvent::stage).containsExactly(STARTED, FINISHED);
        assertThat(events).extracting(BakeEvent::workerNode).containsOnly(node.id());
        Duration inOven = Duration.between(events.get(0).at(), events.get(1).at());
        Duration scaled = Duration.ofMillis(Math.round(60_000 * oven.speedFactor()));
        assertThat(inOven).isGreaterThanOrEqualTo(scaled).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void noMoreOrdersBakeAtOnceThanTheOvenHasSlots() {
        List<BakeRequest> requests = IntStream.range(0, 4 * oven.slots()).mapToObj(i -> OvenWatch.order(20)).toList();
        requests.forEach(watch::request);

        List<UUID> orders = requests.stream().map(BakeRequest::orderId).toList();
        List<BakeEvent> events = watch.awaitFinished(orders);

        assertThat(events).hasSize(2 * orders.size());
        assertThat(mostBakingAtOnce(events)).isEqualTo(oven.slots());
    }

    /** Sweeps the events in time order; at equal instants an order leaving the oven frees its slot first. */
    static int mostBakingAtOnce(List<BakeEvent> events) {
        List<BakeEvent> timeline = events.stream()
                .sorted(Comparator.comparing(BakeEvent::at).thenComparing(e -> e.stage() == STARTED))
                .toList();
        int baking = 0;
        int most = 0;
        for (BakeEvent event : timeline) {
            baking += event.stage() == STARTED ? 1 : -1;
            most = Math.max(most, baking);
        }
        return most;
    }
}
