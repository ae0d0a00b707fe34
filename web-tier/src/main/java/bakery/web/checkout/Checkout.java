package bakery.web.checkout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import bakery.contracts.Customer;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.api.Product;
import bakery.contracts.serde.EventJson;
import bakery.defaults.NodeIdentity;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderMeters.Stage;
import bakery.defaults.OrderTrace;
import bakery.web.Refusal;
import bakery.web.catalog.CatalogCopy;
import bakery.web.session.Session;

/**
 * Turns a session's cart into an order: claim the idempotency key, send {@code OrderPlaced}, and
 * only after Kafka acknowledged it empty the cart. A retried checkout with the same key gets the
 * same order and sends nothing again; the same key with a different cart is refused (422). Keys
 * belong to their session: the order names the session's idempotency scope, so order-service
 * keeps two customers' orders apart even when their keys are equal.
 */
@ApplicationScoped
public class Checkout {

    private static final Logger LOG = Logger.getLogger(Checkout.class);

    @Inject
    CheckoutClaims claims;
    @Inject
    CatalogCopy catalog;
    @Inject
    OrderPlacement placement;
    @Inject
    NodeIdentity node;
    @Inject
    OrderMeters meters;
    @Inject
    PickupSlots slots;

    /** Places the session's cart; a visitor who never wrote anything has no session, so nothing in the cart. */
    public Uni<Receipt> place(Optional<Session> existing, String key, CheckoutRequest request) {
        if (existing.isEmpty()) {
            return Uni.createFrom().failure(emptyCart());
        }
        Session session = existing.get();
        return claims.claim(session, key, OrderIds.next()).chain(claim -> switch (claim.state()) {
            case PLACED -> Uni.createFrom().item(Receipt.of(claim.orderId(), true));
            case PENDING -> Uni.createFrom().failure(Refusal.of(Response.Status.CONFLICT, "checkout in progress", null,
                    "this order is being placed right now; its page will show it in a moment"));
            case MISMATCH -> Uni.createFrom().failure(Refusal.unprocessable("idempotencyKey", "this Idempotency-Key was "
                    + "already used for order " + claim.orderId() + " with a different cart; to order what is in your cart "
                    + "now, check out again with a new key"));
            case CLAIMED -> placeClaimed(session, key, claim, request);
        });
    }

    private Uni<Receipt> placeClaimed(Session session, String key, CheckoutClaims.Claim claim, CheckoutRequest request) {
        UUID orderId = claim.orderId();
        // the checkout's HTTP span is current: OrderPlaced carries its trace to order-service
        OrderTrace.inLogs(orderId, Context.current());
        return catalog.bySku()
                .chain(products -> slots.earliest(claim.cart(), products)
                        .map(earliest -> order(orderId, key, session.idempotencyScope(), request, claim.cart(), products,
                                earliest)))
                .onFailure().call(() -> claims.release(session, key))
                .chain(order -> placement.send(order)
                        .onFailure().call(e -> {
                            LOG.warnf("order %s not placed, Kafka did not acknowledge: %s", orderId, e.toString());
                            return claims.retryLater(session, key, orderId);
                        })
                        .onFailure().transform(e -> Refusal.of(Response.Status.SERVICE_UNAVAILABLE, "orders unavailable", null,
                                "The bakery cannot take orders right now. Your cart is kept; please try again in a minute."))
                        .invoke(() -> {
                            meters.reached(Stage.PLACED);
                            LOG.debugf("order %s placed", orderId);
                        })
                        .chain(() -> claims.complete(session, key, orderId, json(order)))
                        .replaceWith(Receipt.of(orderId, false)));
    }

    private OrderPlaced order(UUID orderId, String key, String scope, CheckoutRequest request, Map<String, Integer> cart,
            Map<String, Product> products, Instant earliest) {
        if (cart.isEmpty()) {
            throw emptyCart();
        }
        List<String> unknown = cart.keySet().stream().filter(sku -> !products.containsKey(sku)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw Refusal.badRequest("sku", "no longer sold: " + String.join(", ", unknown) + "; remove it from your cart");
        }
        if (request.pickupAt().isBefore(earliest)) {
            throw new TooEarly(earliest);
        }
        List<OrderLine> lines = cart.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    Product p = products.get(e.getKey());
                    return new OrderLine(p.sku(), p.name(), e.getValue(), p.priceCents());
                })
                .toList();
        return OrderPlaced.of(orderId, key, scope, new Customer(request.name().strip(), request.email().strip()), lines,
                request.pickupAt(), Instant.now(), node.id());
    }

    private static WebApplicationException emptyCart() {
        return Refusal.badRequest("cart", "your cart is empty: add something from the catalog first");
    }

    private static String json(OrderPlaced order) {
        try {
            return EventJson.MAPPER.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new WebApplicationException(e);
        }
    }
}
