package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kafka's own mock consumer, made to refuse commits the way a rebalancing group does. */
class OwedOffsetsTest {

    private static final TopicPartition SEVEN = new TopicPartition("bake.requests", 7);
    private static final TopicPartition ELEVEN = new TopicPartition("bake.requests", 11);

    private final OwedOffsets owed = new OwedOffsets();
    private RebalancingConsumer kafka;

    @BeforeEach
    void aMemberWithTwoPartitions() {
        kafka = new RebalancingConsumer();
        kafka.assign(List.of(SEVEN, ELEVEN));
    }

    @Test
    void offsetsRefusedDuringARebalanceAreCommittedOnceKafkaTakesCommitsAgain() {
        kafka.rebalancing = true;
        assertThatThrownBy(() -> owed.commit(kafka, Map.of(SEVEN, at(4), ELEVEN, at(7))))
                .isInstanceOf(RebalanceInProgressException.class);
        assertThatThrownBy(() -> owed.settle(kafka)).as("still rebalancing").isInstanceOf(RebalanceInProgressException.class);
        assertThat(owed.owed()).isEqualTo(Map.of(SEVEN, at(4), ELEVEN, at(7)));

        kafka.rebalancing = false;
        owed.settle(kafka);

        assertThat(committed()).isEqualTo(Map.of(SEVEN, at(4), ELEVEN, at(7)));
        assertThat(owed.isEmpty()).isTrue();
    }

    @Test
    void theNextCommitCarriesWhatIsOwedAndNeverGoesBack() {
        kafka.rebalancing = true;
        assertThatThrownBy(() -> owed.commit(kafka, Map.of(SEVEN, at(4), ELEVEN, at(7))));
        kafka.rebalancing = false;

        owed.commit(kafka, Map.of(SEVEN, at(9)));
        owed.settle(kafka);

        assertThat(committed()).isEqualTo(Map.of(SEVEN, at(9), ELEVEN, at(7)));
        assertThat(owed.isEmpty()).isTrue();
    }

    @Test
    void whatIsOwedOnAPartitionThatLeavesIsCommittedOnTheWayOutAndForgotten() {
        kafka.rebalancing = true;
        assertThatThrownBy(() -> owed.commit(kafka, Map.of(SEVEN, at(4), ELEVEN, at(7))));
        kafka.rebalancing = false;

        owed.handOver(kafka, List.of(SEVEN));

        assertThat(committed()).isEqualTo(Map.of(SEVEN, at(4)));
        assertThat(owed.owed()).isEqualTo(Map.of(ELEVEN, at(7)));
    }

    @Test
    void aPartitionThatLeavesWhileKafkaStillRefusesIsForgottenForItsNextOwnerToReadAgain() {
        kafka.rebalancing = true;
        assertThatThrownBy(() -> owed.commit(kafka, Map.of(SEVEN, at(4))));

        owed.handOver(kafka, List.of(SEVEN));
        kafka.rebalancing = false;
        owed.settle(kafka);

        assertThat(committed()).isEmpty();
        assertThat(owed.isEmpty()).isTrue();
    }

    @Test
    void nothingIsOwedOnAPartitionThisMemberNoLongerHas() {
        kafka.assign(List.of(ELEVEN));
        kafka.rebalancing = true;
        assertThatThrownBy(() -> owed.commit(kafka, Map.of(SEVEN, at(4), ELEVEN, at(7))));

        assertThat(owed.owed()).isEqualTo(Map.of(ELEVEN, at(7)));
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(kafka.committed(Set.of(SEVEN, ELEVEN)));
        committed.values().removeIf(Objects::isNull);
        return committed;
    }

    private static OffsetAndMetadata at(long offset) {
        return new OffsetAndMetadata(offset);
    }

    /** Refuses commits as Kafka's consumer does while its group rebalances. */
    private static final class RebalancingConsumer extends MockConsumer<String, String> {

        boolean rebalancing;

        RebalancingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (rebalancing) {
                throw new RebalanceInProgressException("Offset commit cannot be completed since the consumer is undergoing "
                        + "a rebalance for auto partition assignment.");
            }
            super.commitSync(offsets);
        }
    }
}
