package bakery.contracts;

/** One line of an order: the price is the one the customer saw, in cents. */
public record OrderLine(String sku, String name, int quantity, long unitPriceCents) {

    public OrderLine {
        Require.text(sku, "lines.sku");
    }

    public long totalCents() {
        return unitPriceCents * quantity;
    }
}
