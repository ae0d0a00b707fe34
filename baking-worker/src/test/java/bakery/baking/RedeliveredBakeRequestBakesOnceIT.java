package bakery.baking;

import static bakery.baking.OvenWatch.count;
import static bakery.contracts.BakeEvent.Stage.FINISHED;
import static bakery.contracts.BakeEvent.Stage.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;

@QuarkusTest
class RedeliveredBakeRequestBakesOnceIT extends BakingIT {

    @Test
    void aRequestRedeliveredAfterItsOrderWasBakedIsAcknowledgedWithoutBaking() {
        BakeRequest request = OvenWatch.order(10);
        UUID order = request.orderId();
        watch.request(request);
        watch.awaitFinished(List.of(order));

        watch.request(request);
        watch.awaitSettled(order);

        List<BakeEvent> events = watch.eventsOf(order);
        assertThat(count(events, order, STARTED)).isOne();
        assertThat(count(events, order, FINISHED)).isOne();
    }

    @Test
    void aRequestRedeliveredWhileItsOrderIsInTheOvenWaitsAndIsNotBakedTwice() {
        BakeRequest request = OvenWatch.order(60);
        UUID order = request.orderId();
        watch.request(request);
        watch.request(request);

        watch.awaitFinished(List.of(order));
        watch.awaitSettled(order);

        List<BakeEvent> events = watch.eventsOf(order);
        assertThat(count(events, order, STARTED)).isOne();
        assertThat(count(events, order, FINISHED)).isOne();
    }
}
