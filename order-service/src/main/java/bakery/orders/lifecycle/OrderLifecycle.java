package bakery.orders.lifecycle;

import bakery.contracts.OrderStatus;

/**
 * Which way an order may move. Pure: it only compares statuses, so every rule is a unit test.
 * An order moves only forward; a step that has already happened (a redelivered or late event, a
 * repeated command) changes nothing and announces nothing; a staff command that no longer fits is
 * refused with a reason the staff can read.
 */
public final class OrderLifecycle {

    /** What happened to an order after it was accepted. */
    public enum Step {
        BAKE_STARTED,
        BAKE_FINISHED,
        PICK_UP,
        CANCEL
    }

    public sealed interface Outcome {
    }

    /** The order moves to {@code to}: one new version, one status event. */
    public record Move(OrderStatus to) implements Outcome {
    }

    /** Nothing to do: the step already happened, or came too late to matter. */
    public record Unchanged(String why) implements Outcome {
    }

    /** A staff command that cannot apply to the order as it is. */
    public record Refused(String reason) implements Outcome {
    }

    private OrderLifecycle() {
    }

    public static Outcome next(OrderStatus current, Step step) {
        return switch (step) {
            case BAKE_STARTED -> bake(current, OrderStatus.BAKING);
            case BAKE_FINISHED -> bake(current, OrderStatus.READY);
            case PICK_UP -> pickUp(current);
            case CANCEL -> cancel(current);
        };
    }

    /** Ovens report what they did; a report about an order that is further along (or over) is stale. */
    private static Outcome bake(OrderStatus current, OrderStatus target) {
        if (current.isFinal()) {
            return new Unchanged("order is already " + current);
        }
        if (current.rank() >= target.rank()) {
            return new Unchanged("order is already " + current);
        }
        // A finish without a start (the start was lost or overtaken) still moves forward.
        return new Move(target);
    }

    private static Outcome pickUp(OrderStatus current) {
        return switch (current) {
            case READY -> new Move(OrderStatus.PICKED_UP);
            case PICKED_UP -> new Unchanged("order was already picked up");
            case CANCELLED, REJECTED -> new Refused("order is " + current + " and cannot be picked up");
            default -> new Refused("order is " + current + "; only a READY order can be picked up");
        };
    }

    private static Outcome cancel(OrderStatus current) {
        return switch (current) {
            case PLACED, ACCEPTED -> new Move(OrderStatus.CANCELLED);
            case CANCELLED -> new Unchanged("order was already cancelled");
            case BAKING, READY -> new Refused("order is " + current + "; baking has started, so it can no longer be cancelled");
            case PICKED_UP -> new Refused("order was already picked up");
            case REJECTED -> new Refused("order was rejected and cannot be cancelled");
        };
    }
}
