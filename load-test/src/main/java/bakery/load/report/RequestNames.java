package bakery.load.report;

/** Names of the benchmark's requests: the simulation names them, the summary looks them up. */
public final class RequestNames {

    public static final String BROWSE = "browse catalog";
    public static final String ADD_TO_CART = "add to cart";
    public static final String CHANGE_CART = "change quantity";
    public static final String VIEW_CART = "view cart";
    public static final String CHECKOUT = "checkout";
    public static final String ORDER_STATUS = "order status";
    public static final String WATCH_ORDER = "watch order";
    public static final String CAPACITY_ADD = "add to cart (capacity)";
    public static final String CAPACITY_CHECKOUT = "checkout (capacity)";
    public static final String HALF_CAPACITY_ADD = "add to cart (half capacity)";
    public static final String HALF_CAPACITY_CHECKOUT = "checkout (half capacity)";

    private RequestNames() {
    }
}
