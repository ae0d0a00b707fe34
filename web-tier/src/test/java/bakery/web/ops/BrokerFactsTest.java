package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.WorkerScaling;

class BrokerFactsTest {

    private static final TopicPartition BAKE_0 = new TopicPartition("bake.requests", 0);
    private static final TopicPartition BAKE_1 = new TopicPartition("bake.requests", 1);
    private static final TopicPartition STATUS_0 = new TopicPartition("orders.status", 0);
    private static final TopicPartition DLQ_0 = new TopicPartition("bake.requests.dlq", 0);

    private final WorkerScaling bakers = new WorkerScaling("baking-worker", "baking-worker", List.of("bake.requests"), 20, 2,
            12, Optional.empty());

    private final BrokerFacts facts = new BrokerFacts(
            Map.of("bake.requests", 2, "orders.status", 1, "bake.requests.dlq", 1),
            Map.of(BAKE_0, 0L, BAKE_1, 10L, STATUS_0, 0L, DLQ_0, 2L),
            Map.of(BAKE_0, 50L, BAKE_1, 40L, STATUS_0, 500L, DLQ_0, 5L),
            List.of(
                    new BrokerFacts.GroupFacts("baking-worker", "STABLE",
                            List.of(new OpsSnapshot.Member("bakery-1", "/10.0.0.1",
                                    List.of("bake.requests-0", "bake.requests-1"))),
                            Set.of(BAKE_0, BAKE_1), Map.of(BAKE_0, 45L)),
                    new BrokerFacts.GroupFacts("web-web-1-abc", "STABLE",
                            List.of(new OpsSnapshot.Member("web-1", "/10.0.0.2", List.of("orders.status-0"))),
                            Set.of(STATUS_0), Map.of())));

    @Test
    void aPartitionNeverCommittedCountsFromItsEarliestOffset() {
        OpsSnapshot.Group group = facts.view(List.of(bakers)).groups().get(0);

        assertThat(group.partitions()).extracting(OpsSnapshot.PartitionLag::lag).containsExactly(5L, 30L);
        assertThat(group.totalLag()).isEqualTo(35);
    }

    @Test
    void aGroupThatCommitsNothingShowsMembersButNoLag() {
        OpsSnapshot.Group live = facts.view(List.of(bakers)).groups().get(1);

        assertThat(live.members()).hasSize(1);
        assertThat(live.totalLag()).isNull();
        assertThat(live.partitions()).singleElement().satisfies(p -> assertThat(p.lag()).isNull());
    }

    @Test
    void deadLettersAreTheRecordsHeldNotTheEndOffset() {
        assertThat(facts.view(List.of(bakers)).deadLetters())
                .containsExactly(new OpsSnapshot.DeadLetters("bake.requests.dlq", 3));
    }

    @Test
    void eachWorkerGetsTheRulesCountForItsLag() {
        OpsSnapshot.Worker worker = facts.view(List.of(bakers)).workers().get(0);

        assertThat(worker.lag()).isEqualTo(35);
        assertThat(worker.partitions()).isEqualTo(2);
        assertThat(worker.members()).isEqualTo(1);
        assertThat(worker.recommended()).isEqualTo(bakers.recommended(35, 2)).isEqualTo(2);
    }

    @Test
    void aWorkerWhoseGroupDoesNotExistYetCountsTheWholeBacklog() {
        WorkerScaling notifiers = new WorkerScaling("notification-worker", "notification-worker", List.of("orders.status"), 100,
                2, 6, Optional.empty());

        OpsSnapshot.Worker worker = facts.view(List.of(notifiers)).workers().get(0);

        assertThat(worker.members()).isZero();
        assertThat(worker.lag()).isEqualTo(500);
        assertThat(worker.recommended()).as("capped by the one partition, raised to the minimum").isEqualTo(2);
    }
}
