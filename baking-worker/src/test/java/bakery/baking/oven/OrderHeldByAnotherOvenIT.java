package bakery.baking.oven;

import static bakery.baking.OvenWatch.count;
import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.baking.BakingIT;
import bakery.baking.OvenWatch;
import bakery.baking.oven.OrderLeases.Lease;
import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.serde.EventJson;
import bakery.testkit.Await;

/**
 * The test plays a second baking-worker instance through the shared Redis: it holds a lease the worker under test must respect.
 */
@QuarkusTest
class OrderHeldByAnotherOvenIT extends BakingIT {

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    @Test
    void anOrderAnotherInstanceIsBakingIsNotBakedHereAndIsAcknowledgedOnceThatInstanceFinished() {
        BakeRequest request = OvenWatch.order(10);
        Lease other = new Lease(request.orderId(), "other-oven/1");
        redis.value(String.class).set(other.leaseKey(), other.holder(), new SetArgs().px(Duration.ofMinutes(1)));
        double busyBefore = busyOrders();

        watch.request(request);
        Await.until("the worker found the order busy", () -> busyOrders() > busyBefore);
        assertThat(watch.eventsOf(request.orderId())).isEmpty();

        // the other instance finishes: BakeFinished published, order marked baked, lease released
        redis.value(String.class).set(other.bakedKey(), other.holder());
        redis.key().del(other.leaseKey());
        watch.awaitSettled(request.orderId());

        assertThat(watch.eventsOf(request.orderId())).isEmpty();
    }

    @Test
    void anOrderWhoseInstanceDiedWhileBakingIsBakedHereOnceItsLeaseExpires() {
        BakeRequest request = OvenWatch.order(10);
        Lease dead = new Lease(request.orderId(), "dead-oven/1");
        redis.value(String.class).set(dead.leaseKey(), dead.holder(), new SetArgs().px(Duration.ofSeconds(2)));
        double busyBefore = busyOrders();

        watch.request(request);
        List<BakeEvent> events = watch.awaitFinished(List.of(request.orderId()));
        watch.awaitSettled(request.orderId());

        assertThat(busyOrders()).isGreaterThan(busyBefore);
        events = watch.eventsOf(request.orderId());
        assertThat(count(events, request.orderId(), STARTED)).isOne();
        assertThat(count(events, request.orderId(), FINISHED)).isOne();
    }

    @Test
    void anOrderThatCameOutOfADeadInstancesOvenUnrecordedIsNotBakedAgainItsBakeFinishedIsSentAgain() throws Exception {
        BakeRequest request = OvenWatch.order(10);
        Lease dead = new Lease(request.orderId(), "dead-oven/1");
        // The dead instance's oven finished and wrote the event down; it died before Kafka had it or before marking it baked.
        BakeEvent itsFinish = BakeEvent.finished(request.orderId(), "dead-oven",
                Instant.parse("2026-12-01T06:30:00.123456789Z"));
        redis.value(String.class).set(dead.leaseKey(), dead.holder(), new SetArgs().px(Duration.ofSeconds(2)));
        redis.value(String.class).set(dead.finishedKey(), EventJson.MAPPER.writeValueAsString(itsFinish));

        watch.request(request);
        watch.awaitFinished(List.of(request.orderId()));
        watch.awaitSettled(request.orderId());

        assertThat(watch.eventsOf(request.orderId())).as("no BakeStarted here, the dead oven's BakeFinished once")
                .containsExactly(itsFinish);
        assertThat(redis.key().exists(dead.bakedKey())).as("marked baked").isTrue();
        assertThat(redis.key().exists(dead.finishedKey())).as("written-down event cleared").isFalse();
    }

    private double busyOrders() {
        return metrics.counter("bakery.oven.busy.orders").count();
    }
}
