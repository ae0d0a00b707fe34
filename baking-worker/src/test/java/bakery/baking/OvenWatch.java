package bakery.baking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeLine;
import bakery.contracts.BakeRequest;
import bakery.contracts.OrderIds;
import bakery.contracts.Topics;
import bakery.contracts.serde.BakeEventDeserializer;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;

/** What a test sees of the baking-worker: the requests it writes, the bake events, the group's commits. */
public final class OvenWatch implements AutoCloseable {

    public static final String GROUP = "baking-worker";

    private final KafkaProbe probe;

    public OvenWatch(String bootstrap) {
        this.probe = new KafkaProbe(bootstrap);
    }

    public KafkaProbe probe() {
        return probe;
    }

    public static BakeRequest order(int bakeSeconds) {
        return BakeRequest.of(OrderIds.next(),
                List.of(new BakeLine("croissant", 6, bakeSeconds), new BakeLine("baguette", 2, bakeSeconds / 2)),
                Instant.now());
    }

    public void request(BakeRequest request) {
        probe.send(Topics.BAKE_REQUESTS, request);
    }

    /** Bake events of these orders, in the order they were written (one order's events share a partition). */
    public List<BakeEvent> eventsOf(Collection<UUID> orders) {
        Set<UUID> wanted = Set.copyOf(orders);
        return probe.readAll(Topics.BAKE_EVENTS, new BakeEventDeserializer()).stream()
                .map(ConsumerRecord::value)
                .filter(event -> wanted.contains(event.orderId()))
                .toList();
    }

    public List<BakeEvent> eventsOf(UUID order) {
        return eventsOf(List.of(order));
    }

    /** Waits until every order has at least one BakeFinished and returns all their events. */
    public List<BakeEvent> awaitFinished(Collection<UUID> orders) {
        return Await.until("BakeFinished for " + orders.size() + " orders", () -> eventsOf(orders),
                events -> events.stream().filter(e -> e.stage() == BakeEvent.Stage.FINISHED).map(BakeEvent::orderId)
                        .collect(Collectors.toSet()).containsAll(orders));
    }

    /** Waits until the worker's group has committed past the last request written for this order: it is done with it. */
    public void awaitSettled(UUID order) {
        probe.awaitCommittedPast(GROUP, Topics.BAKE_REQUESTS, order.toString());
    }

    /** Members of the worker group that have partitions assigned, once the group is stable (else 0). */
    public int groupMembersWithPartitions() throws Exception {
        ConsumerGroupDescription group = probe.admin().describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        if (group.groupState() != GroupState.STABLE) {
            return 0;
        }
        return (int) group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
    }

    /** True when the worker group has committed every bake request on the topic: it is done with all of them. */
    public boolean allRequestsCommitted() {
        return uncommittedRequests().isEmpty();
    }

    /** Per partition of the requests topic that the group is not done with: how many requests it has not committed. */
    public Map<TopicPartition, Long> uncommittedRequests() {
        return probe.uncommitted(GROUP, Topics.BAKE_REQUESTS);
    }

    /** The group as the broker sees it, for a failure message: state and each member's partitions. */
    public String describeGroup() throws Exception {
        ConsumerGroupDescription group = probe.admin().describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        return group.groupState() + " " + group.members().stream()
                .map(m -> m.clientId()
                        + m.assignment().topicPartitions().stream().map(TopicPartition::partition).sorted().toList())
                .toList();
    }

    public static long count(List<BakeEvent> events, UUID order, BakeEvent.Stage stage) {
        return events.stream().filter(e -> e.orderId().equals(order) && e.stage() == stage).count();
    }

    @Override
    public void close() {
        probe.close();
    }
}
