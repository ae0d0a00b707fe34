package bakery.web.orders;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import bakery.contracts.OrderPlaced;
import bakery.contracts.api.OrderView;
import bakery.contracts.serde.EventJson;
import bakery.web.Refusal;
import bakery.web.catalog.OrderServiceClient;
import bakery.web.catalog.ReadAgain;
import bakery.web.session.Session;

/**
 * The orders a session placed. A customer sees only those: any other id is answered exactly like
 * an id that does not exist (404), so order ids cannot be probed.
 * <p>
 * Each is kept as the OrderPlaced event's JSON, which carries its {@code schemaVersion} and is read as every event is
 * (fields it does not know ignored); the golden events hold it to that.
 */
@ApplicationScoped
public class CustomerOrders {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final OrderServiceClient orderService;

    public CustomerOrders(ReactiveRedisDataSource redis, @RestClient OrderServiceClient orderService) {
        this.hashes = redis.hash(String.class);
        this.orderService = orderService;
    }

    /** The order as placed by this session, or a 404 failure. */
    public Uni<OrderPlaced> owned(Optional<Session> session, UUID orderId) {
        return find(session, orderId)
                .map(found -> found.orElseThrow(() -> Refusal.notFound("no order " + orderId + " in this session")));
    }

    /** A visitor without a session owns no order. */
    public Uni<Optional<OrderPlaced>> find(Optional<Session> session, UUID orderId) {
        if (session.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return hashes.hget(session.get().ordersKey(), orderId.toString())
                .map(json -> Optional.ofNullable(json).map(CustomerOrders::parse));
    }

    /**
     * The order's current state from order-service; as placed while order-service has not stored it yet. A live
     * order page opens with it, so a read lost on the way is sent again rather than cutting the page's stream.
     */
    public Uni<OrderView> current(OrderPlaced placed) {
        return ReadAgain.onAnotherNode(orderService.order(placed.orderId()))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(() -> OrderViews.of(placed));
    }

    public Uni<OrderView> current(Optional<Session> session, UUID orderId) {
        return owned(session, orderId).chain(this::current);
    }

    private static OrderPlaced parse(String json) {
        try {
            return EventJson.MAPPER.readValue(json, OrderPlaced.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable order in session", e);
        }
    }
}
