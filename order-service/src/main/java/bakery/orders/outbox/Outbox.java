package bakery.orders.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import bakery.defaults.OrderTrace;

/**
 * The transactional outbox. A state change stages its events in the same transaction
 * ({@link #stage}); after the commit the writer publishes them and deletes the rows
 * ({@link #publish}). If the node dies in between, the rows stay and {@link OutboxSweep} publishes
 * them. Either way an event may go out twice, never zero times: readers drop a
 * (order id, version) they have already seen. Each event keeps the trace of the record that
 * caused it and goes out as the next step of that trace, whoever publishes it.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Pool pool;
    private final MutinyEmitter<byte[]> kafka;

    private final OutboxConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Outbox(Pool pool, @Channel("outbox") MutinyEmitter<byte[]> kafka, OutboxConfig config) {
        this.pool = pool;
        this.kafka = kafka;
        this.config = config;
    }

    /** Events written to Kafka once the transaction they were staged in committed: one outbox row. */
    public record Staged(Long id, List<OutboxMessage> messages) {

        public static final Staged NOTHING = new Staged(null, List.of());
    }

    /** Writes the messages, in order, as one row inside the caller's transaction. */
    public Uni<Staged> stage(SqlClient tx, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(Staged.NOTHING);
        }
        String[] topics = new String[messages.size()];
        String[] keys = new String[messages.size()];
        Buffer[] payloads = new Buffer[messages.size()];
        String[] traceparents = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            topics[i] = messages.get(i).topic();
            keys[i] = messages.get(i).key();
            payloads[i] = Buffer.buffer(messages.get(i).payload());
            traceparents[i] = messages.get(i).traceparent();
        }
        return tx.preparedQuery(
                "INSERT INTO outbox (topics, message_keys, payloads, traceparents) VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.of(topics, keys, payloads, traceparents))
                .map(rows -> new Staged(rows.iterator().next().getLong("id"), messages));
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
                .chain(() -> pool.preparedQuery("DELETE FROM outbox WHERE id = $1").execute(Tuple.of(staged.id())))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("%d events stay in the outbox for the sweep: %s", staged.messages().size(), failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Like {@link #publish}, but lets the caller go on (acknowledge its records, start its next
     * transaction) while Kafka acknowledges, as long as fewer than {@code max-in-flight} events
     * are on their way. Safe because the events are committed: if this node dies they are swept.
     */
    public Uni<Void> publishBehind(Staged staged) {
        int count = staged.messages().size();
        if (count == 0) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> publishing = publish(staged).eventually(() -> inFlight.addAndGet(-count));
        if (inFlight.addAndGet(count) > config.maxInFlight()) {
            return publishing;
        }
        publishing.subscribe().with(done -> {
        }, failure -> LOG.warn("publishing failed", failure));
        return Uni.createFrom().voidItem();
    }

    /** Sends in the given order (one order's events keep their order on its partition); fails if any send fails. */
    Uni<Void> send(List<OutboxMessage> messages) {
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            Message<byte[]> record = Message.of(message.payload()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String> builder().withTopic(message.topic()).withKey(message.key()).build());
            sends.add(kafka.sendMessage(OrderTrace.continuing(record, OrderTrace.fromTraceparent(message.traceparent()))));
        }
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    /** The messages of one outbox row, in the order they were staged. */
    static List<OutboxMessage> fromRow(Row row) {
        String[] topics = row.getArrayOfStrings("topics");
        String[] keys = row.getArrayOfStrings("message_keys");
        Buffer[] payloads = (Buffer[]) row.getValue("payloads");
        String[] traceparents = row.getArrayOfStrings("traceparents");
        List<OutboxMessage> messages = new ArrayList<>(topics.length);
        for (int i = 0; i < topics.length; i++) {
            messages.add(new OutboxMessage(topics[i], keys[i], payloads[i].getBytes(),
                    traceparents == null ? null : traceparents[i]));
        }
        return messages;
    }
}
