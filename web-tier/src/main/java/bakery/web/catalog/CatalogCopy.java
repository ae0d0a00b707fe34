package bakery.web.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import bakery.contracts.api.Product;

/**
 * The bakery's products, fetched from order-service and kept on this node. The catalog is the same
 * for everyone, so a per-node copy is safe.
 * <ul>
 * <li>Younger than {@code max-age}: served as it is.</li>
 * <li>Older, up to {@code max-age + stale-if-error}: still served at once while one fetch
 * refreshes it in the background. If order-service cannot answer (its database is down, say), the
 * shop keeps selling from the copy and asks again every {@code retry-every}; the order-service
 * checks every order's prices at intake anyway.</li>
 * <li>No copy, or one older than that: the caller waits for the fetch, and its failure is theirs.</li>
 * </ul>
 * Concurrent callers share one fetch instead of each asking order-service.
 */
@ApplicationScoped
public class CatalogCopy {

    private static final Logger LOG = Logger.getLogger(CatalogCopy.class);

    private final OrderServiceClient orderService;
    private final long maxAgeNanos;
    private final long staleIfErrorNanos;
    private final long retryNanos;
    private final LongSupplier clock;
    private final AtomicReference<Uni<Shelf>> fetching = new AtomicReference<>();
    private volatile Stock stock;
    private volatile long noFetchBefore;

    @Inject
    public CatalogCopy(@RestClient OrderServiceClient orderService,
            @ConfigProperty(name = "bakery.web.catalog.max-age") Duration maxAge,
            @ConfigProperty(name = "bakery.web.catalog.stale-if-error") Duration staleIfError,
            @ConfigProperty(name = "bakery.web.catalog.retry-every") Duration retryEvery) {
        this(orderService, maxAge, staleIfError, retryEvery, System::nanoTime);
    }

    CatalogCopy(OrderServiceClient orderService, Duration maxAge, Duration staleIfError, Duration retryEvery,
            LongSupplier clock) {
        this.orderService = orderService;
        this.maxAgeNanos = maxAge.toNanos();
        this.staleIfErrorNanos = staleIfError.toNanos();
        this.retryNanos = retryEvery.toNanos();
        this.clock = clock;
        this.noFetchBefore = clock.getAsLong();
    }

    /** The first customer should not wait for order-service: a node fetches its copy as it starts. */
    void fetchOnStart(@Observes StartupEvent start) {
        // a failure is logged by fetch(), and the first caller asks again
        fetch().subscribe().with(fresh -> {
        }, failure -> {
        });
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
        Stock held = stock;
        long now = clock.getAsLong();
        if (held != null) {
            long age = now - held.fetchedAt();
            if (age <= maxAgeNanos) {
                return Uni.createFrom().item(held.shelf());
            }
            if (age <= maxAgeNanos + staleIfErrorNanos) {
                if (now - noFetchBefore >= 0) {
                    // the outcome is logged by fetch(); this caller does not wait for it
                    fetch().subscribe().with(fresh -> {
                    }, failure -> {
                    });
                }
                return Uni.createFrom().item(held.shelf());
            }
        }
        return fetch();
    }

    /** The fetch in flight, or a new one: at most one per node at a time. */
    private Uni<Shelf> fetch() {
        Uni<Shelf> running = fetching.get();
        if (running != null) {
            return running;
        }
        Uni<Shelf> fetch = orderService.catalog()
                .map(Shelf::of)
                .invoke(fresh -> stock = new Stock(fresh, clock.getAsLong()))
                .onFailure().invoke(failure -> {
                    noFetchBefore = clock.getAsLong() + retryNanos;
                    Stock held = stock;
                    LOG.warnf("order-service did not give the catalog (%s); %s", failure.getMessage(), held == null
                            ? "no copy to sell from yet"
                            : "selling from the copy of " + Duration.ofNanos(clock.getAsLong() - held.fetchedAt()).toSeconds()
                                    + " s ago");
                })
                .eventually(() -> fetching.set(null))
                .memoize().indefinitely();
        Uni<Shelf> other = fetching.compareAndExchange(null, fetch);
        return other == null ? fetch : other;
    }

    private record Stock(Shelf shelf, long fetchedAt) {
    }

    private record Shelf(List<Product> products, Map<String, Product> bySku) {

        static Shelf of(List<Product> products) {
            return new Shelf(List.copyOf(products),
                    products.stream().collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity(), (a, b) -> a)));
        }
    }
}
