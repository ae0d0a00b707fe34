package bakery.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortPlanTest {

    @Test
    void takesTheBasePortWhenFree() {
        assertThat(PortPlan.next(8100, List.of(), p -> true)).isEqualTo(8100);
    }

    @Test
    void skipsPortsHeldByOtherNodesOfTheStack() {
        assertThat(PortPlan.next(8100, List.of(8100, 8101, 8103), p -> true)).isEqualTo(8102);
    }

    @Test
    void skipsPortsAnotherProgramListensOn() {
        Set<Integer> busy = Set.of(8081, 8082);
        assertThat(PortPlan.next(8081, List.of(), p -> !busy.contains(p))).isEqualTo(8083);
    }

    @Test
    void givesUpWithAClearMessageWhenNothingIsFree() {
        assertThatThrownBy(() -> PortPlan.next(8100, List.of(), p -> false)).hasMessageContaining("no free port in 8100..");
    }
}
