package bakery.defaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.jboss.logging.Logger;

/**
 * Takes a consumer node out of rotation without stopping it, and puts it back. Drained, each of the
 * node's Kafka consumers gives its partitions up (the connector's rebalance listener commits what was
 * processed and the queued records of those partitions are dropped, as on any revocation), so the
 * group's other members take them over at once; the work already in hand finishes, and the process
 * stays up for diagnosis. Readiness says DOWN while drained ({@link InRotationReadiness}).
 * <p>
 * Pausing the channel would not do: a paused consumer keeps its partitions, and their records would
 * wait for it. The consumer unsubscribes instead, which revokes its partitions and sends Kafka's
 * LeaveGroup. Until it subscribes again SmallRye's polling loop finds it subscribed to nothing and
 * retries the poll with its back-off ({@code retry-max-wait}), quietly; the first retry after undrain
 * joins the group. Staying subscribed to a pattern no topic matches was tried and dropped: the
 * cooperative-sticky leader kept assigning the old partitions to such a member, which refused them,
 * and the group rebalanced every second. Undrain passes the connector's own rebalance listener along:
 * a subscription without it would skip the commit on revocation and the commit strategy's
 * bookkeeping on assignment.
 * <p>
 * Records in hand when the partitions went are finished but not committed by this node; their
 * partitions' new owner reads them again and every handler tolerates that (the oven finds the order
 * leased, then baked).
 */
@ApplicationScoped
public class ConsumerRotation {

    private static final Logger LOG = Logger.getLogger(ConsumerRotation.class);

    /** The node's state as the management routes and readiness report it. */
    public record State(String node, boolean drained, Map<String, Set<String>> channels, int inHand) {
    }

    @Inject
    KafkaClientService kafka;
    @Inject
    Instance<WorkInHand> work;
    @Inject
    NodeIdentity node;
    @Inject
    RotationConfig config;
    /** Per channel, the topics its consumers read before they left; empty while in rotation. */
    private final Map<String, Set<String>> left = new ConcurrentHashMap<>();
    private volatile boolean drained;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /**
     * The last drain's leaving of the groups, run once: an undrain waits for it, so a quick undrain
     * never finds nothing to rejoin while the consumers are still about to leave.
     */
    private Uni<Void> leaving = Uni.createFrom().voidItem();

    /** Whether this service's consumers can be taken out of rotation (workers and order-service; not the web tier). */
    public boolean enabled() {
        return config.enabled();
    }

    public boolean drained() {
        return drained;
    }

    public State state() {
        return new State(node.id(), drained, new TreeMap<>(left), inHand());
    }

    /**
     * Leaves every consumer group of the node, then waits up to {@code bakery.rotation.work-timeout}
     * for the work in hand to finish. Draining a drained node changes nothing.
     */
    public Uni<State> drain() {
        return drain(config.workTimeout());
    }

    private synchronized Uni<State> drain(Duration workTimeout) {
        if (drained) {
            return Uni.createFrom().item(this::state);
        }
        drained = true; // readiness DOWN first, before the partitions move
        List<Uni<Void>> leaving = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object> getConsumers(channel)) {
                leaving.add(consumer.runOnPollingThread(c -> {
                    Set<String> topics = Set.copyOf(c.subscription());
                    c.unsubscribe(); // revokes (commits through the listener) and sends LeaveGroup
                    return topics;
                }).invoke(topics -> left.merge(channel, topics, ConsumerRotation::union)).replaceWithVoid());
            }
        }
        LOG.infof("out of rotation: leaving the consumer groups of %s", kafka.getConsumerChannels());
        this.leaving = join(leaving).memoize().indefinitely();
        return this.leaving.chain(() -> workDone(workTimeout)).map(x -> state());
    }

    /** Subscribes again: the next poll joins the consumer groups; readiness UP at once. */
    public synchronized Uni<State> undrain() {
        if (!drained) {
            return Uni.createFrom().item(this::state);
        }
        return leaving.chain(this::rejoin).invoke(() -> {
            left.clear();
            drained = false;
            LOG.info("back in rotation: joined the consumer groups again");
        }).map(x -> state());
    }

    /** Subscribes every consumer again to the topics it left, with the connector's own rebalance listener. */
    private Uni<Void> rejoin() {
        List<Uni<Void>> returning = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            Set<String> topics = left.getOrDefault(channel, Set.of());
            if (topics.isEmpty()) {
                continue;
            }
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object> getConsumers(channel)) {
                ConsumerRebalanceListener listener = listenerOf(consumer);
                returning.add(consumer.runOnPollingThread(c -> {
                    c.subscribe(topics, listener);
                }));
            }
        }
        return join(returning);
    }

    /** Waits until nothing is in hand, or the work timeout: a drain that waited longer says how much is left. */
    private Uni<Void> workDone(Duration workTimeout) {
        if (inHand() == 0) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().ticks().every(config.workCheckInterval())
                .filter(tick -> inHand() == 0)
                .toUni().replaceWithVoid()
                .ifNoItem().after(workTimeout).recoverWithUni(() -> {
                    LOG.warnf("drained with %d records still in hand after %s", inHand(), workTimeout);
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A stopping node leaves its groups the way a drain does, while its connections are still open.
     * Quarkus closes the database pool before the Kafka connector closes its consumers, so records still
     * in hand then could only fail ("Pool closed") until the connector's closing timeout, and each
     * consumer would leave its group one after the other. Leaving first hands every partition over at
     * once, and what is in hand finishes on the open pool; what does not finish in time is read again
     * by the partition's new owner, as after any revocation.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent delay) {
        leaveBeforeShutdown();
    }

    /** Without a shutdown delay (tests) the first notice is the shutdown itself. */
    void onShutdown(@Observes ShutdownEvent shutdown) {
        leaveBeforeShutdown();
    }

    private void leaveBeforeShutdown() {
        Optional<Duration> wait = config.leaveBeforeShutdown();
        if (!enabled() || wait.isEmpty() || stopping.getAndSet(true)) {
            return;
        }
        LOG.info("stopping: leaving the consumer groups while the connections are still open");
        try {
            State left = drain(wait.get()).await().atMost(wait.get().plusSeconds(5));
            LOG.infof("left the consumer groups with %d records in hand", left.inHand());
        } catch (RuntimeException late) {
            LOG.warnf("stopping without having left the consumer groups in time: %s", late.getMessage());
        }
    }

    private int inHand() {
        return work.stream().mapToInt(WorkInHand::inHand).sum();
    }

    /**
     * The connector's listener: it commits on revocation and keeps the commit strategy's books. Only
     * the connector's consumer class gives it out; the public {@code KafkaConsumer} does not.
     */
    private static ConsumerRebalanceListener listenerOf(KafkaConsumer<?, ?> consumer) {
        if (consumer instanceof ReactiveKafkaConsumer<?, ?> reactive && reactive.getRebalanceListener() != null) {
            return reactive.getRebalanceListener();
        }
        throw new IllegalStateException("a Kafka consumer without the connector's rebalance listener: " + consumer);
    }

    private static Uni<Void> join(List<Uni<Void>> all) {
        return all.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(all).andFailFast().replaceWithVoid();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
