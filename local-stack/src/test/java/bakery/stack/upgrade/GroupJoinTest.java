package bakery.stack.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When a new consumer node counts as working in its group, so an old one may leave. */
class GroupJoinTest {

    private static final Set<String> BEFORE = Set.of("old-a", "old-b");

    @Test
    void aMemberNewSinceTheNodeStartedOwningPartitionsInAStableGroupHasJoined() {
        assertThat(new GroupJoin.Members(true, Map.of("old-a", 6, "old-b", 3, "new", 3)).joinedSince(BEFORE)).isTrue();
    }

    @Test
    void aNewMemberWithoutPartitionsOrAGroupStillRebalancingHasNot() {
        assertThat(new GroupJoin.Members(true, Map.of("old-a", 6, "old-b", 6, "new", 0)).joinedSince(BEFORE)).isFalse();
        assertThat(new GroupJoin.Members(false, Map.of("old-a", 6, "old-b", 3, "new", 3)).joinedSince(BEFORE)).isFalse();
        assertThat(new GroupJoin.Members(true, Map.of("old-a", 6, "old-b", 6)).joinedSince(BEFORE)).isFalse();
    }
}
