package bakery.web.cart;

/** How much of one product a single order may hold: what a bakery counter can hand over at once. */
public final class CartLimits {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 50;

    private CartLimits() {
    }
}
