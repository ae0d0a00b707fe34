package bakery.contracts;

/**
 * Where an order is in its life. The rank orders the happy path so "only forward" is a comparison;
 * REJECTED, CANCELLED and PICKED_UP are final.
 */
public enum OrderStatus {
    PLACED(0),
    ACCEPTED(1),
    BAKING(2),
    READY(3),
    PICKED_UP(4),
    REJECTED(9),
    CANCELLED(9);

    private final int rank;

    OrderStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return this == PICKED_UP || this == REJECTED || this == CANCELLED;
    }
}
