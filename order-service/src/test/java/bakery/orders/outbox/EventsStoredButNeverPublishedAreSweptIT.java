package bakery.orders.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;
import bakery.orders.intake.OrderIntake;
import bakery.testkit.Await;

/**
 * The node dies after the database commit and before Kafka has the events: here the order is
 * stored (with its outbox rows) and never published by its writer. The sweep publishes it, once,
 * and a redelivery of the same order adds nothing.
 */
@QuarkusTest
@OrderServiceTest
class EventsStoredButNeverPublishedAreSweptIT extends BakeryScenario {

    @Inject
    OrderIntake intake;

    @Inject
    Pool pool;

    @Test
    void anOrderCommittedWithoutPublishingIsAnnouncedByTheSweepOnce() {
        OrderPlaced order = bakery.order(bakery.line("apple-turnover", 2));
        Outbox.Staged staged = intake.store(List.of(order)).await().indefinitely();
        assertThat(staged.messages()).hasSize(2);

        bakery.awaitStatus(order.orderId(), OrderStatus.ACCEPTED);
        Await.until("the bake request is published", () -> bakery.bakeRequests(order.orderId()).size() == 1);
        Await.until("the outbox row is gone", () -> pool.preparedQuery("SELECT count(*) FROM outbox WHERE id = $1")
                .execute(Tuple.of(staged.id())).await().indefinitely()
                .iterator().next().getLong(0) == 0);

        // Kafka redelivers the order the dead node never acknowledged: already stored, nothing new to say.
        bakery.place(order);
        bakery.awaitHandled(order);

        assertThat(bakery.statuses(order.orderId())).hasSize(1);
        assertThat(bakery.bakeRequests(order.orderId())).hasSize(1);
    }
}
