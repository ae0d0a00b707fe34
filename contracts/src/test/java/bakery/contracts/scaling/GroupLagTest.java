package bakery.contracts.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {

    private static final TopicPartition BAKE_0 = new TopicPartition("bake.requests", 0);
    private static final TopicPartition BAKE_1 = new TopicPartition("bake.requests", 1);
    private static final TopicPartition STATUS_0 = new TopicPartition("orders.status", 0);

    private final Map<TopicPartition, Long> earliest = Map.of(BAKE_0, 0L, BAKE_1, 10L, STATUS_0, 0L);
    private final Map<TopicPartition, Long> end = Map.of(BAKE_0, 50L, BAKE_1, 40L, STATUS_0, 500L);

    /** The bakers committed 45 of 50 on partition 0 and never committed on partition 1 (records 10 to 40). */
    private final GroupLag bakers = new GroupLag(earliest, end, Map.of(BAKE_0, 45L));

    @Test
    void aPartitionsLagIsItsEndMinusTheCommittedOffset() {
        assertThat(bakers.of(BAKE_0)).isEqualTo(5);
        assertThat(bakers.next(BAKE_0)).isEqualTo(45);
    }

    @Test
    void aPartitionNeverCommittedCountsFromItsEarliestOffset() {
        assertThat(bakers.of(BAKE_1)).isEqualTo(30);
        assertThat(bakers.next(BAKE_1)).isEqualTo(10);
        assertThat(bakers.of(List.of(BAKE_0, BAKE_1))).isEqualTo(35);
    }

    @Test
    void theFirstUnconsumedRecordIsOneStillOnThePartition() {
        // The group committed 5, but retention deleted everything before 10.
        GroupLag bakers = new GroupLag(earliest, end, Map.of(BAKE_1, 5L));

        assertThat(bakers.next(BAKE_1)).isEqualTo(5);
        assertThat(bakers.firstUnconsumed(BAKE_1)).isEqualTo(10);
    }

    @Test
    void lagIsNeverNegativeAndAnUnknownPartitionIsEmpty() {
        TopicPartition unknown = new TopicPartition("bake.events", 3);
        GroupLag group = new GroupLag(earliest, end, Map.of(BAKE_0, 60L));

        assertThat(group.of(BAKE_0)).isZero();
        assertThat(group.of(unknown)).isZero();
        assertThat(group.endOf(unknown)).isZero();
    }

    @Test
    void aGroupThatCommitsNothingSaysSo() {
        GroupLag liveFeed = new GroupLag(earliest, end, Map.of());

        assertThat(liveFeed.commitsAnything()).isFalse();
        assertThat(bakers.commitsAnything()).isTrue();
        assertThat(bakers.commitsOn("bake.requests")).isTrue();
        assertThat(bakers.commitsOn("orders.status")).isFalse();
    }
}
