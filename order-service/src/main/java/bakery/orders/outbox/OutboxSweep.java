package bakery.orders.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows that their writer did not (it died between commit and publish, or Kafka
 * was away). Every instance sweeps; {@code FOR UPDATE SKIP LOCKED} gives each row to one of them,
 * and the rows are deleted in the same transaction that waits for Kafka's acknowledgement, so a
 * sweeper that dies mid-way leaves them for the next one.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class);

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    OutboxConfig config;

    @Scheduled(every = "${bakery.outbox.sweep-every}", delayed = "${bakery.outbox.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LOG.warnf("outbox sweep failed, the next one retries: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Publishes one sweep's worth of forgotten rows; returns how many. */
    public Uni<Integer> sweep() {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox
                    WHERE created_at < now() - $1 * interval '1 millisecond'
                    ORDER BY id LIMIT $2
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, topics, message_keys, payloads, traceparents""")
                .execute(Tuple.of(config.sweepGrace().toMillis(), config.sweepBatch()))
                .chain(rows -> {
                    List<Row> sorted = new ArrayList<>();
                    rows.forEach(sorted::add);
                    // Oldest first, so one order's events keep their order.
                    sorted.sort((a, b) -> Long.compare(a.getLong("id"), b.getLong("id")));
                    List<OutboxMessage> messages = sorted.stream().flatMap(row -> Outbox.fromRow(row).stream()).toList();
                    return outbox.send(messages).replaceWith(messages.size());
                }))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("outbox sweep published %d events left behind", count);
                    }
                });
    }
}
