package bakery.web.orders;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import bakery.contracts.OrderStatusChanged;
import bakery.contracts.serde.EventFormatException;
import bakery.contracts.serde.OrderStatusChangedDeserializer;

/**
 * Every {@code orders.status} event, fanned out to this node's live pages. The node reads the topic
 * in a consumer group of its own, so each node sees every event whichever node a page is on.
 * <p>
 * Every node reads every event, but few are watched: an event is decoded only while a staff board
 * is open on this node or a customer watches that very order (the record key is the order id).
 * Decoding every event on every node cost a web node about a sixth of its CPU under load.
 */
@ApplicationScoped
@Default
@Identifier("order-status-assignment")
public class StatusFeed implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(StatusFeed.class);

    private final BroadcastProcessor<OrderStatusChanged> processor = BroadcastProcessor.create();
    private final AtomicBoolean joined = new AtomicBoolean();
    private final AtomicInteger watchingEverything = new AtomicInteger();
    private final Map<String, Integer> watchedOrders = new ConcurrentHashMap<>();
    private final Deserializer<OrderStatusChanged> decoder;
    private final int buffer;

    @Inject
    public StatusFeed(@ConfigProperty(name = "bakery.web.live.buffer") int buffer) {
        this(buffer, new OrderStatusChangedDeserializer());
    }

    StatusFeed(int buffer, Deserializer<OrderStatusChanged> decoder) {
        this.buffer = buffer;
        this.decoder = decoder;
    }

    @Incoming("order-status")
    public void receive(ConsumerRecord<String, byte[]> record) {
        if (!watched(record.key())) {
            return;
        }
        OrderStatusChanged event;
        try {
            event = decoder.deserialize(record.topic(), record.value());
        } catch (EventFormatException poison) {
            // The notification worker dead-letters it; a live page just never sees it.
            LOG.debugf("skipped an unreadable orders.status record: %s", poison.getMessage());
            return;
        }
        if (event != null) {
            processor.onNext(event);
        }
    }

    /** Every event from now on (the staff board). */
    public Multi<OrderStatusChanged> updates() {
        return Multi.createFrom().deferred(() -> {
            watchingEverything.incrementAndGet();
            return live().onTermination().invoke(watchingEverything::decrementAndGet);
        });
    }

    /** The events of one order from now on (its customer's live page). */
    public Multi<OrderStatusChanged> updatesOf(UUID orderId) {
        String key = orderId.toString();
        return Multi.createFrom().deferred(() -> {
            watchedOrders.merge(key, 1, Integer::sum);
            return live().filter(e -> e.orderId().equals(orderId))
                    .onTermination().invoke(() -> watchedOrders.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1));
        });
    }

    /** A slow page gets a bounded buffer, not the power to stall the others. */
    private Multi<OrderStatusChanged> live() {
        return processor.onOverflow().buffer(buffer);
    }

    /** A record without a key cannot be matched to a page: decoded if anyone watches at all. */
    private boolean watched(String key) {
        if (watchingEverything.get() > 0) {
            return true;
        }
        return key == null ? !watchedOrders.isEmpty() : watchedOrders.containsKey(key);
    }

    /** True once the node's consumer got its partitions: from then on no event is missed. */
    public boolean joined() {
        return joined.get();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty() && joined.compareAndSet(false, true)) {
            LOG.infof("status feed joined with %d partitions", partitions.size());
        }
    }
}
