package bakery.contracts.api;

import java.util.List;

/** A product of the catalog as order-service serves it (GET /catalog). Prices in cents. */
public record Product(String sku, String name, String description, long priceCents, int bakeSeconds, List<String> allergens) {

    public Product {
        allergens = allergens == null ? List.of() : List.copyOf(allergens);
    }
}
