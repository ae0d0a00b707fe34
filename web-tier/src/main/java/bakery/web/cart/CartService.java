package bakery.web.cart;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import bakery.contracts.api.Product;
import bakery.web.Refusal;
import bakery.web.catalog.CatalogCopy;
import bakery.web.session.CurrentSession;
import bakery.web.session.Session;

/** Cart rules shared by the pages and the JSON API: only catalog products, at most the limit per line. */
@ApplicationScoped
public class CartService {

    @Inject
    CartStore store;
    @Inject
    CatalogCopy catalog;

    /** The cart; a visitor without a session has an empty one, and looking at it costs Redis nothing. */
    public Uni<PricedCart> view(Optional<Session> existing) {
        if (existing.isEmpty()) {
            return Uni.createFrom().item(PricedCart.of(List.of()));
        }
        return Uni.combine().all().unis(store.quantities(existing.get()), catalog.bySku()).asTuple()
                .map(t -> price(t.getItem1(), t.getItem2()));
    }

    /** Adds to the cart; the visitor's first cart line opens their session (an unknown product opens nothing). */
    public Uni<PricedCart> add(CurrentSession current, String sku, int quantity) {
        return known(sku).chain(current::openIfMissing).chain(session -> store.add(session, sku, quantity)).chain(this::priced);
    }

    public Uni<PricedCart> change(CurrentSession current, String sku, int quantity) {
        return known(sku).chain(current::openIfMissing).chain(session -> store.set(session, sku, quantity)).chain(this::priced);
    }

    public Uni<PricedCart> remove(Optional<Session> existing, String sku) {
        if (existing.isEmpty()) {
            return view(existing);
        }
        return store.remove(existing.get(), sku).chain(() -> view(existing));
    }

    private Uni<Product> known(String sku) {
        return catalog.product(sku)
                .map(p -> p.orElseThrow(() -> Refusal.badRequest("sku", "the bakery has no product '" + sku + "'")));
    }

    /** The cart as the change left it (the store hands it back with the change), or the refusal. */
    private Uni<PricedCart> priced(CartStore.Change change) {
        checkResult(change.result());
        return catalog.bySku().map(products -> price(change.quantities(), products));
    }

    private static void checkResult(long result) {
        if (result == CartStore.OVER_QUANTITY) {
            throw Refusal.badRequest("quantity", "at most " + CartLimits.MAX_QUANTITY + " of one product fit in an order");
        }
        if (result == CartStore.TOO_MANY_LINES) {
            throw Refusal.badRequest("sku", "the cart holds as many different products as one order can");
        }
    }

    /** Lines whose product left the catalog are not shown; checkout refuses them by name. */
    static PricedCart price(Map<String, Integer> quantities, Map<String, Product> products) {
        List<PricedCart.Line> lines = quantities.entrySet().stream()
                .filter(e -> products.containsKey(e.getKey()) && e.getValue() != null && e.getValue() > 0)
                .map(e -> {
                    Product p = products.get(e.getKey());
                    return new PricedCart.Line(p.sku(), p.name(), e.getValue(), p.priceCents(), p.priceCents() * e.getValue(),
                            p.allergens());
                })
                .sorted(Comparator.comparing(PricedCart.Line::name))
                .toList();
        return PricedCart.of(lines);
    }
}
