package bakery.orders.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The transactional outbox. A state change stages its events in the same transaction
 * ({@link #stage}); after the commit the writer publishes them and deletes the rows
 * ({@link #publish}). If the node dies in between, the rows stay and {@link OutboxSweep} publishes
 * them. Either way an event may go out twice, never zero times: readers drop a
 * (order id, version) they have already seen.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Pool pool;
    private final MutinyEmitter<byte[]> kafka;

    public Outbox(Pool pool, @Channel("outbox") MutinyEmitter<byte[]> kafka) {
        this.pool = pool;
        this.kafka = kafka;
    }

    /** Events written to Kafka once the transaction they were staged in committed. */
    public record Staged(List<Long> ids, List<OutboxMessage> messages) {

        public static final Staged NOTHING = new Staged(List.of(), List.of());
    }

    /** Writes the messages inside the caller's transaction. */
    public Uni<Staged> stage(SqlClient tx, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(Staged.NOTHING);
        }
        String[] topics = new String[messages.size()];
        String[] keys = new String[messages.size()];
        Buffer[] payloads = new Buffer[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            topics[i] = messages.get(i).topic();
            keys[i] = messages.get(i).key();
            payloads[i] = Buffer.buffer(messages.get(i).payload());
        }
        return tx.preparedQuery("""
                        INSERT INTO outbox (topic, message_key, payload)
                        SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bytea[])
                        RETURNING id""")
                .execute(Tuple.of(topics, keys, payloads))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(messages.size());
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return new Staged(ids, messages);
                });
    }

    /**
     * Sends staged events after their commit and deletes their rows once Kafka acknowledged all of
     * them. Never fails: whatever could not be sent stays in the table for the sweep.
     */
    public Uni<Void> publish(Staged staged) {
        if (staged.messages().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return send(staged.messages())
                .chain(() -> pool.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                        .execute(Tuple.of(staged.ids().toArray(Long[]::new))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("%d events stay in the outbox for the sweep: %s", staged.messages().size(), failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Sends in the given order (one order's events keep their order on its partition); fails if any send fails. */
    Uni<Void> send(List<OutboxMessage> messages) {
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            sends.add(kafka.sendMessage(Message.of(message.payload()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withTopic(message.topic()).withKey(message.key()).build())));
        }
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    static OutboxMessage fromRow(Row row) {
        return new OutboxMessage(row.getString("topic"), row.getString("message_key"), row.getBuffer("payload").getBytes());
    }
}
