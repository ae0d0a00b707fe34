package bakery.orders.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;

@QuarkusTest
@OrderServiceTest
class RedeliveredOrderIsStoredOnceIT extends BakeryScenario {

    @Test
    void theSameOrderDeliveredTwiceIsAcceptedAndBakedOnce() {
        OrderPlaced order = bakery.accepted(bakery.line("cinnamon-roll", 3));
        bakery.place(order);
        // Written behind the duplicate on the same partition: once it is accepted, the duplicate was handled.
        bakery.awaitHandled(order);

        assertThat(bakery.statuses(order.orderId())).hasSize(1);
        assertThat(bakery.bakeRequests(order.orderId())).hasSize(1);
    }

    @Test
    void aSecondOrderIdUnderTheSameIdempotencyKeyIsNotAnotherOrder() {
        OrderPlaced first = bakery.order("checkout-" + UUID.randomUUID(), bakery.line("brioche", 1));
        OrderPlaced retried = bakery.order(first.idempotencyKey(), bakery.line("brioche", 1));
        bakery.place(first);
        bakery.awaitStatus(first.orderId(), OrderStatus.ACCEPTED);
        bakery.place(retried);
        bakery.awaitHandled(retried);

        assertThat(bakery.statuses(first.orderId())).hasSize(1);
        assertThat(bakery.statuses(retried.orderId())).isEmpty();
        assertThat(bakery.bakeRequests(retried.orderId())).isEmpty();
        given().get("/orders/" + retried.orderId()).then().statusCode(404);
    }

    @Test
    void theSameKeyFromTwoCustomersIsTwoOrdersAndEachCustomersRetryIsNone() {
        String key = "checkout-" + UUID.randomUUID();
        OrderPlaced ada = bakery.order(key, "session-of-ada", bakery.line("brioche", 1));
        OrderPlaced bob = bakery.order(key, "session-of-bob", bakery.line("pretzel", 2));
        OrderPlaced before = bakery.order(key, bakery.line("croissant", 1));
        bakery.place(ada);
        bakery.place(bob);
        bakery.place(before);
        bakery.awaitStatus(ada.orderId(), OrderStatus.ACCEPTED);
        bakery.awaitStatus(bob.orderId(), OrderStatus.ACCEPTED);
        // from a web node of the release before: no scope, a customer of its own
        bakery.awaitStatus(before.orderId(), OrderStatus.ACCEPTED);

        OrderPlaced adaAgain = bakery.order(key, "session-of-ada", bakery.line("brioche", 1));
        bakery.place(adaAgain);
        bakery.awaitHandled(adaAgain);
        assertThat(bakery.statuses(adaAgain.orderId())).isEmpty();
        given().get("/orders/" + bob.orderId()).then().statusCode(200);
    }

    @Test
    void theSameKeyFromTwoCustomersInsideOneBatchIsTwoOrders() {
        String key = "checkout-" + UUID.randomUUID();
        OrderPlaced ada = bakery.order(key, "session-of-ada", bakery.line("focaccia", 1));
        OrderPlaced bob = bakery.order(key, "session-of-bob", bakery.line("focaccia", 1));
        OrderPlaced adaAgain = bakery.order(key, "session-of-ada", bakery.line("focaccia", 1));
        bakery.place(ada);
        bakery.placeBehind(ada, bob);
        bakery.placeBehind(ada, adaAgain);
        bakery.awaitHandled(ada);

        assertThat(bakery.statuses(ada.orderId())).hasSize(1);
        assertThat(bakery.statuses(bob.orderId())).hasSize(1);
        assertThat(bakery.statuses(adaAgain.orderId())).isEmpty();
    }

    @Test
    void duplicatesInsideOneBatchYieldOneOrder() {
        OrderPlaced order = bakery.order(bakery.line("focaccia", 2));
        OrderPlaced sameKey = bakery.order(order.idempotencyKey(), bakery.line("focaccia", 2));
        // Back to back on one partition, so they most likely arrive in one poll.
        bakery.place(order);
        bakery.place(order);
        bakery.placeBehind(order, sameKey);
        bakery.awaitHandled(order);

        assertThat(bakery.statuses(order.orderId())).hasSize(1);
        assertThat(bakery.bakeRequests(order.orderId())).hasSize(1);
        assertThat(bakery.statuses(sameKey.orderId())).isEmpty();
    }
}
