package bakery.orders.catalog;

/** What the intake needs to know about a product: its name, today's price and how long it bakes. */
public record CatalogEntry(String sku, String name, long priceCents, int bakeSeconds) {
}
