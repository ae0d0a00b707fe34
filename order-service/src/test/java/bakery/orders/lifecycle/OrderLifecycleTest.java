package bakery.orders.lifecycle;

import static bakery.orders.lifecycle.OrderLifecycle.next;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bakery.contracts.OrderStatus;
import bakery.orders.lifecycle.OrderLifecycle.Move;
import bakery.orders.lifecycle.OrderLifecycle.Refused;
import bakery.orders.lifecycle.OrderLifecycle.Step;
import bakery.orders.lifecycle.OrderLifecycle.Unchanged;

class OrderLifecycleTest {

    @Test
    void theHappyPathMovesOneStepAtATime() {
        assertThat(next(OrderStatus.ACCEPTED, Step.BAKE_STARTED)).isEqualTo(new Move(OrderStatus.BAKING));
        assertThat(next(OrderStatus.BAKING, Step.BAKE_FINISHED)).isEqualTo(new Move(OrderStatus.READY));
        assertThat(next(OrderStatus.READY, Step.PICK_UP)).isEqualTo(new Move(OrderStatus.PICKED_UP));
    }

    @Test
    void aFinishWhoseStartWasLostStillMovesForward() {
        assertThat(next(OrderStatus.ACCEPTED, Step.BAKE_FINISHED)).isEqualTo(new Move(OrderStatus.READY));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "BAKING", "READY", "PICKED_UP", "CANCELLED", "REJECTED" })
    void aRepeatedOrLateBakeStartChangesNothing(OrderStatus current) {
        assertThat(next(current, Step.BAKE_STARTED)).isInstanceOf(Unchanged.class);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "READY", "PICKED_UP", "CANCELLED", "REJECTED" })
    void aRepeatedOrLateBakeFinishChangesNothing(OrderStatus current) {
        assertThat(next(current, Step.BAKE_FINISHED)).isInstanceOf(Unchanged.class);
    }

    @Test
    void anAcceptedOrderCanBeCancelledOnceAndThenNotBaked() {
        assertThat(next(OrderStatus.ACCEPTED, Step.CANCEL)).isEqualTo(new Move(OrderStatus.CANCELLED));
        assertThat(next(OrderStatus.CANCELLED, Step.CANCEL)).isInstanceOf(Unchanged.class);
        assertThat(next(OrderStatus.CANCELLED, Step.BAKE_STARTED)).isInstanceOf(Unchanged.class);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "BAKING", "READY", "PICKED_UP", "REJECTED" })
    void cancellingAfterBakingStartedIsRefusedWithAReason(OrderStatus current) {
        assertThat(next(current, Step.CANCEL)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reason()).isNotBlank());
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "ACCEPTED", "BAKING", "CANCELLED", "REJECTED" })
    void onlyAReadyOrderCanBePickedUp(OrderStatus current) {
        assertThat(next(current, Step.PICK_UP)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reason()).contains(current.name()));
    }

    @Test
    void aSecondPickUpChangesNothing() {
        assertThat(next(OrderStatus.PICKED_UP, Step.PICK_UP)).isInstanceOf(Unchanged.class);
    }
}
