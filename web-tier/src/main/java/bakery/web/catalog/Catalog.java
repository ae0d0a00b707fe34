package bakery.web.catalog;

import bakery.contracts.api.Product;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The bakery's products, fetched from order-service and kept on this node for at most
 * {@code bakery.web.catalog.max-age}. The catalog is the same for everyone, so a per-node copy is
 * safe; a failed fetch is not kept, the next request asks again.
 */
@ApplicationScoped
public class Catalog {

    private final OrderServiceClient orderService;
    private final long maxAgeNanos;
    private volatile Uni<Shelf> shelf;
    private volatile long fetchedAt;

    public Catalog(@RestClient OrderServiceClient orderService, @ConfigProperty(name = "bakery.web.catalog.max-age") Duration maxAge) {
        this.orderService = orderService;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public Uni<List<Product>> products() {
        return shelf().map(Shelf::products);
    }

    public Uni<Optional<Product>> product(String sku) {
        return shelf().map(s -> Optional.ofNullable(s.bySku().get(sku)));
    }

    public Uni<Map<String, Product>> bySku() {
        return shelf().map(Shelf::bySku);
    }

    private Uni<Shelf> shelf() {
        Uni<Shelf> current = shelf;
        if (current == null || System.nanoTime() - fetchedAt > maxAgeNanos) {
            fetchedAt = System.nanoTime();
            // memoized: concurrent requests share one fetch instead of each asking order-service
            current = orderService.catalog().map(Shelf::of).memoize().indefinitely();
            shelf = current;
        }
        Uni<Shelf> fetched = current;
        return fetched.onFailure().invoke(() -> {
            if (shelf == fetched) {
                shelf = null;
            }
        });
    }

    private record Shelf(List<Product> products, Map<String, Product> bySku) {

        static Shelf of(List<Product> products) {
            return new Shelf(List.copyOf(products),
                    products.stream().collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity(), (a, b) -> a)));
        }
    }
}
