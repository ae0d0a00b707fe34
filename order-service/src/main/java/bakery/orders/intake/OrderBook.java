package bakery.orders.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.orders.intake.OrderAcceptance.Verdict;

/**
 * Enters placed orders into the database, a whole batch per statement (unnest of arrays). The
 * primary key on the order id and the idempotency key, unique within its scope (one customer),
 * decide what is new: {@code ON CONFLICT DO NOTHING} skips a redelivered order and a second order id
 * under a key the same customer used before, also when another instance inserts the same key at the
 * same moment.
 */
@ApplicationScoped
public class OrderBook {

    /** An order with the decision about it. */
    public record Judged(OrderPlaced order, Verdict verdict) {
    }

    /** Inserts the orders and the lines of those that are new; returns the new ones, in batch order. */
    public Uni<List<Judged>> enter(SqlClient tx, List<Judged> judged, Instant now) {
        if (judged.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = judged.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] scopes = new String[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        String[] names = new String[n];
        String[] emails = new String[n];
        Long[] totals = new Long[n];
        OffsetDateTime[] pickups = new OffsetDateTime[n];
        OffsetDateTime[] placed = new OffsetDateTime[n];
        String[] webNodes = new String[n];
        for (int i = 0; i < n; i++) {
            OrderPlaced order = judged.get(i).order();
            Verdict verdict = judged.get(i).verdict();
            ids[i] = order.orderId();
            keys[i] = order.idempotencyKey();
            scopes[i] = order.idempotencyScope();
            statuses[i] = verdict.status().name();
            reasons[i] = verdict.reason();
            names[i] = order.customer().name();
            emails[i] = order.customer().email();
            totals[i] = verdict.totalCents();
            pickups[i] = utc(order.pickupAt());
            placed[i] = utc(order.placedAt());
            webNodes[i] = order.webNode();
        }
        Tuple params = Tuple
                .from(List.of(ids, keys, statuses, reasons, names, emails, totals, pickups, placed, webNodes, scopes,
                        utc(now)));
        return tx.preparedQuery("""
                INSERT INTO orders (order_id, idempotency_key, idempotency_scope, status, version, reason, customer_name,
                                    customer_email, total_cents, pickup_at, placed_at, updated_at, web_node)
                SELECT o.order_id, o.idempotency_key, o.idempotency_scope, o.status, 1, o.reason, o.customer_name,
                       o.customer_email, o.total_cents, o.pickup_at, o.placed_at, $12, o.web_node
                FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                            $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])
                     WITH ORDINALITY AS o(order_id, idempotency_key, status, reason, customer_name, customer_email,
                                          total_cents, pickup_at, placed_at, web_node, idempotency_scope, position)
                ORDER BY o.position
                ON CONFLICT DO NOTHING
                RETURNING order_id""")
                .execute(params)
                .chain(rows -> {
                    Set<UUID> inserted = new HashSet<>();
                    rows.forEach(row -> inserted.add(row.getUUID("order_id")));
                    List<Judged> entered = judged.stream().filter(j -> inserted.contains(j.order().orderId())).toList();
                    return insertLines(tx, entered).replaceWith(entered);
                });
    }

    private Uni<Void> insertLines(SqlClient tx, List<Judged> entered) {
        List<UUID> orderIds = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<Long> prices = new ArrayList<>();
        List<Integer> bakeSeconds = new ArrayList<>();
        for (Judged j : entered) {
            List<OrderLine> lines = j.verdict().lines();
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                orderIds.add(j.order().orderId());
                numbers.add(i + 1);
                skus.add(line.sku());
                names.add(line.name());
                quantities.add(line.quantity());
                prices.add(line.unitPriceCents());
                bakeSeconds.add(j.verdict().bakeSecondsOf(i));
            }
        }
        if (orderIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                INSERT INTO order_line (order_id, line_no, sku, name, quantity, unit_price_cents, bake_seconds)
                SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::int[])""")
                .execute(Tuple.from(List.of(orderIds.toArray(UUID[]::new), numbers.toArray(Integer[]::new),
                        skus.toArray(String[]::new), names.toArray(String[]::new), quantities.toArray(Integer[]::new),
                        prices.toArray(Long[]::new), bakeSeconds.toArray(Integer[]::new))))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
