package bakery.load.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import bakery.contracts.OrderStatus;

/**
 * Where an accepted order that had not settled when the wait ended still sits, from the places an
 * order can be in between: its row in PostgreSQL in a state that is not settled yet, an event for
 * it in the order-service's outbox, a record of it that a consumer group has not committed past,
 * or a live oven lease. An order found in none of them is lost: nothing in the bakery will ever
 * move it on. One found in any of them is late, however long it has waited.
 */
public record Whereabouts(List<String> places) {

    /** What was found about one order, each place looked at from outside the services. */
    public record Evidence(Optional<OrderStatus> stored, boolean inOutbox, List<String> unconsumedIn,
            Optional<String> leaseHolder) {
    }

    /** Found in none of the places: lost. */
    public static final Whereabouts NOWHERE = new Whereabouts(List.of());

    private static final Set<OrderStatus> WAITING = Set.of(OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.BAKING);

    public static Whereabouts of(Evidence evidence) {
        List<String> places = new ArrayList<>();
        // Most telling first: the oven it is in, the queue it waits in, then what PostgreSQL holds.
        evidence.leaseHolder().ifPresent(holder -> places.add("in the oven of " + holder));
        evidence.unconsumedIn().forEach(queue -> places.add("queued in " + queue));
        if (evidence.inOutbox()) {
            places.add("in the order-service's outbox");
        }
        evidence.stored().filter(WAITING::contains).ifPresent(status -> places.add("stored as " + status));
        return new Whereabouts(List.copyOf(places));
    }

    public boolean lost() {
        return places.isEmpty();
    }

    public String describe() {
        return lost() ? "nowhere" : String.join(", ", places);
    }
}
