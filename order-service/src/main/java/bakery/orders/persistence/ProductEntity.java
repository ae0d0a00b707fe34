package bakery.orders.persistence;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

import bakery.contracts.api.Product;

/** A product of the catalog, as the bakery keeps it. */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {

    @Id
    public String sku;

    public String name;

    public String description;

    @Column(name = "price_cents")
    public long priceCents;

    @Column(name = "bake_seconds")
    public int bakeSeconds;

    /** Comma-separated, empty when the product has none. */
    public String allergens;

    public Product toProduct() {
        List<String> allergenList = allergens == null || allergens.isBlank()
                ? List.of()
                : Arrays.stream(allergens.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        return new Product(sku, name, description, priceCents, bakeSeconds, allergenList);
    }
}
