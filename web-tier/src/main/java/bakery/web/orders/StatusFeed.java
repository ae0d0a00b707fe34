package bakery.web.orders;

import bakery.contracts.OrderStatusChanged;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every {@code orders.status} event, fanned out to this node's live pages. The node reads the topic
 * in a consumer group of its own, so each node sees every event whichever node a page is on.
 */
@ApplicationScoped
@Default
@Identifier("order-status-assignment")
public class StatusFeed implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(StatusFeed.class);

    private final BroadcastProcessor<OrderStatusChanged> processor = BroadcastProcessor.create();
    private final AtomicBoolean joined = new AtomicBoolean();
    private final int buffer;

    public StatusFeed(@ConfigProperty(name = "bakery.web.live.buffer") int buffer) {
        this.buffer = buffer;
    }

    @Incoming("order-status")
    public void receive(OrderStatusChanged event) {
        if (event == null) {
            LOG.debug("skipped an unreadable orders.status record");
            return;
        }
        processor.onNext(event);
    }

    /** Live events from now on; a slow page gets a bounded buffer, not the power to stall the others. */
    public Multi<OrderStatusChanged> updates() {
        return processor.onOverflow().buffer(buffer);
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
