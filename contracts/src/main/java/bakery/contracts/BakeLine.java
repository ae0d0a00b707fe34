package bakery.contracts;

/** One product to bake: how many, and how long one batch of it takes in the oven at normal speed. */
public record BakeLine(String sku, int quantity, int bakeSeconds) {

    public BakeLine {
        Require.text(sku, "lines.sku");
    }
}
