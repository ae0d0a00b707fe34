package bakery.defaults;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * SmallRye's {@code throttled} commit strategy (commit the contiguous prefix of acknowledged records,
 * once per {@code auto.commit.interval.ms}), made to keep its word when Kafka refuses a commit.
 * <p>
 * The throttled handler takes the offsets it commits out of its books before Kafka answers. When the
 * commit fails it logs "it will be re-attempted", but only a later acknowledgement on the same
 * partition commits past them: a partition whose last records were acknowledged during a rebalance
 * (Kafka refuses every commit while the group rebalances, which lasts until a killed member's session
 * expires) kept them uncommitted until the service restarted, a backlog that was not there. Here the
 * refused offsets stay owed ({@link OwingConsumer}) and are committed every interval until Kafka takes
 * them, or on the way out when their partition moves to another member.
 */
public final class ThrottledUntilCommitted extends ContextHolder implements KafkaCommitHandler {

    /** The {@code commit-strategy} value that selects it. */
    public static final String STRATEGY = "throttled-until-committed";

    private static final Logger LOG = Logger.getLogger(ThrottledUntilCommitted.class);
    /** Kafka's own default, which the throttled handler uses too when the channel sets none. */
    private static final int DEFAULT_COMMIT_INTERVAL_MS = 5000;

    private final KafkaCommitHandler throttled;
    private final OwingConsumer<?, ?> consumer;
    private final long settleTimer;
    private final Duration commitInterval;

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaCommitHandler.Factory {

        private final KafkaCommitHandler.Factory throttled;

        @Inject
        public Factory(@Identifier(Strategy.THROTTLED) KafkaCommitHandler.Factory throttled) {
            this.throttled = throttled;
        }

        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            OwingConsumer<?, ?> owing = new OwingConsumer<>(consumer);
            Duration interval = Duration.ofMillis(config.config()
                    .getOptionalValue(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, Integer.class)
                    .orElse(DEFAULT_COMMIT_INTERVAL_MS));
            return new ThrottledUntilCommitted(vertx, throttled.create(config, vertx, owing, reportFailure), owing, interval);
        }
    }

    ThrottledUntilCommitted(Vertx vertx, KafkaCommitHandler throttled, OwingConsumer<?, ?> consumer, Duration commitInterval) {
        super(vertx, (int) commitInterval.toMillis());
        this.throttled = throttled;
        this.consumer = consumer;
        this.commitInterval = commitInterval;
        this.settleTimer = vertx.setPeriodic(commitInterval.toMillis(), tick -> consumer.settle().subscribe().with(
                done -> {
                }, refused -> LOG.debugf("owed offsets %s still refused: %s", consumer.owed(), refused.getMessage())));
    }

    /** The connector hands its event-loop context to the handler; the throttled handler needs it. */
    @Override
    public void capture(Context context) {
        super.capture(context);
        if (throttled instanceof ContextHolder holder) {
            holder.capture(context);
        }
    }

    @Override
    public void capture(io.vertx.core.Context context) {
        super.capture(context);
        if (throttled instanceof ContextHolder holder) {
            holder.capture(context);
        }
    }

    @Override
    public <K, V> Multi<IncomingKafkaRecord<K, V>> decorateStream(Multi<IncomingKafkaRecord<K, V>> consumed) {
        return throttled.decorateStream(consumed);
    }

    @Override
    public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
        return throttled.received(record);
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        return throttled.handle(record);
    }

    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions) {
        throttled.partitionsAssigned(partitions);
    }

    /** First what was owed on these partitions, then what the throttled handler has processed since: lower offsets first. */
    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        consumer.handOver(partitions);
        throttled.partitionsRevoked(partitions);
    }

    @Override
    public void terminate(boolean graceful) {
        vertx.cancelTimer(settleTimer);
        try {
            consumer.settle().await().atMost(commitInterval);
        } catch (RuntimeException refused) {
            // the throttled handler's last commit carries what is still owed; failing that, the revocation on close does
            LOG.debugf("owed offsets %s not committed before closing: %s", consumer.owed(), refused.getMessage());
        }
        throttled.terminate(graceful);
    }
}
