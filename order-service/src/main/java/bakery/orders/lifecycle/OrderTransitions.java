package bakery.orders.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.defaults.OrderMeters;
import bakery.defaults.OrderMeters.Stage;
import bakery.defaults.OrderTrace;
import bakery.orders.lifecycle.OrderLifecycle.Move;
import bakery.orders.lifecycle.OrderLifecycle.Outcome;
import bakery.orders.lifecycle.OrderLifecycle.Refused;
import bakery.orders.lifecycle.OrderLifecycle.Step;
import bakery.orders.lifecycle.OrderLifecycle.Unchanged;
import bakery.orders.outbox.Outbox;
import bakery.orders.outbox.OutboxMessage;
import bakery.orders.retry.PatientRetry;

/**
 * Applies one step to one stored order: read it, ask {@link OrderLifecycle}, and write the new
 * status only if the order still has the version that was read ({@code UPDATE ... WHERE version =
 * :expected}). A concurrent change (the oven and the staff at the same moment, or two instances)
 * makes the update miss; the step is then tried again on the fresh row. The status event is
 * staged in the same transaction and published after the commit, on the trace of the record that
 * asked for the step.
 */
@ApplicationScoped
public class OrderTransitions {

    private static final Logger LOG = Logger.getLogger(OrderTransitions.class);

    private final Pool pool;
    private final Outbox outbox;
    private final PatientRetry retry;
    private final OrderMeters meters;
    private final Timer placedToReady;

    public OrderTransitions(Pool pool, Outbox outbox, PatientRetry retry, OrderMeters meters,
            MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.retry = retry;
        this.meters = meters;
        this.placedToReady = Timer.builder("bakery.order.placed.to.ready")
                .description("from the customer's checkout to the order being ready for pickup")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    /** What a committed step did: the events to publish, and the move (null when nothing moved). */
    private record Applied(Outbox.Staged staged, OrderSnapshot moved) {

        static final Applied NOTHING = new Applied(Outbox.Staged.NOTHING, null);
    }

    public Uni<Void> apply(UUID orderId, Step step) {
        return apply(orderId, step, null);
    }

    /** Applies the step; its status event goes out as the next step of {@code trace} (null: no trace). */
    public Uni<Void> apply(UUID orderId, Step step, Context trace) {
        String traceparent = OrderTrace.traceparent(trace);
        return retry.run(step + " on order " + orderId,
                () -> pool.withTransaction(tx -> attempt(tx, orderId, step, traceparent)))
                .invoke(this::count)
                .chain(applied -> outbox.publish(applied.staged()));
    }

    private void count(Applied applied) {
        OrderSnapshot moved = applied.moved();
        if (moved == null) {
            return;
        }
        LOG.debugf("order %s is %s (version %d)", moved.orderId(), moved.status(), moved.version());
        switch (moved.status()) {
            case READY -> {
                meters.reached(Stage.READY);
                if (moved.placedAt() != null) {
                    placedToReady.record(Duration.between(moved.placedAt(), Instant.now()));
                }
            }
            case PICKED_UP -> meters.reached(Stage.PICKED_UP);
            case CANCELLED -> meters.reached(Stage.CANCELLED);
            default -> {
            }
        }
    }

    private Uni<Applied> attempt(SqlClient tx, UUID orderId, Step step, String traceparent) {
        return load(tx, orderId).chain(order -> {
            if (order == null) {
                LOG.warnf("%s for unknown order %s ignored", step, orderId);
                return Uni.createFrom().item(Applied.NOTHING);
            }
            Outcome outcome = OrderLifecycle.next(order.status(), step);
            Instant now = Instant.now();
            if (outcome instanceof Move move) {
                OrderSnapshot next = order.moveTo(move.to());
                return tx.preparedQuery("""
                        UPDATE orders SET status = $2, version = $3, reason = NULL, updated_at = $4
                        WHERE order_id = $1 AND version = $5""")
                        .execute(Tuple.of(orderId, next.status().name(), next.version(), now.atOffset(ZoneOffset.UTC),
                                order.version()))
                        .chain(result -> {
                            if (result.rowCount() == 0) {
                                return Uni.createFrom().failure(new ConcurrentChange(orderId, order.version()));
                            }
                            return outbox
                                    .stage(tx, List.of(OutboxMessage.of(Topics.ORDERS_STATUS, next.announce(now), traceparent)))
                                    .map(staged -> new Applied(staged, next));
                        });
            }
            if (outcome instanceof Refused refused) {
                LOG.infof("%s refused for order %s: %s", step, orderId, refused.reason());
                return outbox
                        .stage(tx,
                                List.of(OutboxMessage.of(Topics.ORDERS_STATUS, order.refuse(refused.reason()).announce(now),
                                        traceparent)))
                        .map(staged -> new Applied(staged, null));
            }
            LOG.debugf("%s for order %s changes nothing: %s", step, orderId, ((Unchanged) outcome).why());
            return Uni.createFrom().item(Applied.NOTHING);
        });
    }

    static Uni<OrderSnapshot> load(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                SELECT o.status, o.version, o.reason, o.customer_name, o.customer_email, o.total_cents, o.pickup_at,
                       o.placed_at, l.sku, l.name, l.quantity, l.unit_price_cents
                FROM orders o LEFT JOIN order_line l ON l.order_id = o.order_id
                WHERE o.order_id = $1
                ORDER BY l.line_no""")
                .execute(Tuple.of(orderId))
                .map(rows -> toSnapshot(orderId, rows));
    }

    private static OrderSnapshot toSnapshot(UUID orderId, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        List<OrderLine> lines = new ArrayList<>();
        Row first = null;
        for (Row row : rows) {
            first = first == null ? row : first;
            if (row.getString("sku") != null) {
                lines.add(new OrderLine(row.getString("sku"), row.getString("name"), row.getInteger("quantity"),
                        row.getLong("unit_price_cents")));
            }
        }
        OffsetDateTime pickup = first.getOffsetDateTime("pickup_at");
        OffsetDateTime placed = first.getOffsetDateTime("placed_at");
        return new OrderSnapshot(orderId, OrderStatus.valueOf(first.getString("status")), first.getLong("version"),
                first.getString("reason"), new Customer(first.getString("customer_name"), first.getString("customer_email")),
                lines, first.getLong("total_cents"), pickup == null ? null : pickup.toInstant(),
                placed == null ? null : placed.toInstant());
    }

    /** Someone else changed the order between our read and our write; the step is tried again. */
    static class ConcurrentChange extends RuntimeException {

        ConcurrentChange(UUID orderId, long version) {
            super("order " + orderId + " changed after version " + version + " was read", null, false, false);
        }
    }
}
