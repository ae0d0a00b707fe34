package bakery.orders.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import bakery.contracts.OrderStatus;
import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.OvenQueue;
import bakery.defaults.ErrorBody;
import bakery.defaults.ErrorMappers;
import bakery.orders.persistence.OrderEntity;

/**
 * Orders as the service tier reads them: one order (the snapshot a live page starts from) and
 * the active orders for the staff board. Parameters arrive as text and are checked here, so a bad
 * one gets a 400 with the JSON error body rather than JAX-RS' bare 404.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final List<OrderStatus> ACTIVE = List.of(OrderStatus.ACCEPTED, OrderStatus.BAKING, OrderStatus.READY);

    /** One batch per order: its slowest line. Accepted and baking orders sit on the partial index of active orders. */
    private static final String OVEN_QUEUE = """
            SELECT count(*) AS orders, coalesce(sum(slowest), 0) AS oven_seconds FROM (
              SELECT max(coalesce(l.bake_seconds, 0)) AS slowest
              FROM orders o JOIN order_line l ON l.order_id = o.order_id
              WHERE o.status IN ('ACCEPTED', 'BAKING')
              GROUP BY o.order_id) queued""";

    @Inject
    BoardPaging paging;
    @Inject
    Pool pool;

    /** What the ovens still have to bake, for the pickup slots checkout offers. */
    @GET
    @Path("/oven-queue")
    public Uni<OvenQueue> ovenQueue() {
        return pool.query(OVEN_QUEUE).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new OvenQueue(row.getLong("orders"), row.getLong("oven_seconds"));
        });
    }

    @GET
    @Path("/{id}")
    public Uni<OrderView> order(@PathParam("id") String id) {
        UUID orderId = parseId(id);
        return OrderEntity.<OrderEntity> findById(orderId).map(order -> {
            if (order == null) {
                throw fail(Response.Status.NOT_FOUND, new ErrorBody("not found", "id", "no order " + orderId));
            }
            return order.toView();
        });
    }

    /**
     * Active orders oldest first, a page at a time. With {@code after} (the placed-at instant and order id of the
     * last order read, {@code 2026-12-07T09:00:00.123456Z,<uuid>}) the page starts right after that order, whatever
     * left the board meanwhile; without it {@code page} counts pages from the oldest order (the release before reads
     * that way, and ignores {@code after}). {@code total} is every active order.
     */
    @GET
    @Path("/active")
    public Uni<OrderPage> active(@QueryParam("page") @DefaultValue("0") String pageText,
            @QueryParam("size") @DefaultValue("50") String sizeText, @QueryParam("after") String afterText) {
        int page = parseInt("page", pageText, 0, Integer.MAX_VALUE);
        int size = parseInt("size", sizeText, 1, paging.maxPageSize());
        Sort oldestFirst = Sort.by("placedAt").and("orderId");
        var query = afterText == null
                ? OrderEntity.<OrderEntity> find("status in ?1", oldestFirst, ACTIVE).page(page, size)
                : after(afterText, oldestFirst).page(0, size);
        return query.list().chain(orders -> OrderEntity.count("status in ?1", ACTIVE)
                .map(total -> new OrderPage(orders.stream().map(OrderEntity::toView).toList(), page, size, total)));
    }

    private static PanacheQuery<OrderEntity> after(String text, Sort sort) {
        int comma = text.indexOf(',');
        try {
            Instant placedAt = Instant.parse(text.substring(0, Math.max(comma, 0)).strip());
            UUID orderId = UUID.fromString(text.substring(comma + 1).strip());
            return OrderEntity.find("status in ?1 and (placedAt > ?2 or (placedAt = ?2 and orderId > ?3))", sort, ACTIVE,
                    placedAt, orderId);
        } catch (RuntimeException e) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            throw fail(Response.Status.BAD_REQUEST, new ErrorBody("invalid request", "after",
                    "after must be the placed-at instant and id of an order, as 2026-12-07T09:00:00Z,<order id>, not '"
                            + shown + "'"));
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw fail(Response.Status.BAD_REQUEST,
                    new ErrorBody("invalid request", "id", "'" + id + "' is not an order id (a UUID)"));
        }
    }

    private static int parseInt(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        throw fail(Response.Status.BAD_REQUEST,
                new ErrorBody("invalid request", name, name + " must be " + range + ", not '" + text + "'"));
    }

    private static WebApplicationException fail(Response.Status status, ErrorBody body) {
        return new WebApplicationException(ErrorMappers.json(status, body));
    }
}
