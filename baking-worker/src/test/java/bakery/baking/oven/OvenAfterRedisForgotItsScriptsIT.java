package bakery.baking.oven;

import static bakery.baking.OvenWatch.count;
import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.baking.BakingIT;
import bakery.baking.OvenWatch;
import bakery.contracts.BakeRequest;

/**
 * The oven's leases are Lua scripts Redis keeps by their hash; a Redis that forgot them (restarted, or
 * SCRIPT FLUSH) is sent the source again, and orders keep being baked.
 */
@QuarkusTest
class OvenAfterRedisForgotItsScriptsIT extends BakingIT {

    @Inject
    RedisDataSource redis;

    @Test
    void anOrderRequestedAfterRedisForgotTheScriptsIsBakedOnce() {
        BakeRequest first = OvenWatch.order(1);
        watch.request(first);
        watch.awaitFinished(List.of(first.orderId()));

        redis.execute("SCRIPT", "FLUSH");
        BakeRequest next = OvenWatch.order(1);
        watch.request(next);
        watch.awaitFinished(List.of(next.orderId()));
        watch.awaitSettled(next.orderId());

        assertThat(count(watch.eventsOf(next.orderId()), next.orderId(), FINISHED)).isOne();
    }
}
