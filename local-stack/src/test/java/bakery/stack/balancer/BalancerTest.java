package bakery.stack.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;

/** A web node taken out of rotation gets no request from nginx, and gets them again once put back. */
class BalancerTest {

    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    static Instance web(int ordinal) {
        return new Instance("web-tier", "web-" + ordinal, 100 + ordinal, 8080 + ordinal, 9180 + ordinal, NOW, NOW);
    }

    @Test
    void aDrainedWebNodeLeavesTheUpstreamAndComesBackWhenUndrained() {
        StackState state = new StackState(NOW, 0, List.of(web(1), web(2)));

        StackState drained = state.drain("web-2");

        assertThat(Balancer.addresses(drained, Service.WEB_TIER)).containsExactly("127.0.0.1:8081");
        assertThat(drained.nodes(Service.WEB_TIER)).as("it keeps running and counting").hasSize(2);
        assertThat(Balancer.addresses(drained.undrain("web-2"), Service.WEB_TIER))
                .containsExactly("127.0.0.1:8081", "127.0.0.1:8082");
    }

    @Test
    void aNodeThatLeavesTheStackIsNoLongerDrainedSoItsSuccessorServes() {
        StackState state = new StackState(NOW, 0, List.of(web(1), web(2))).drain("web-2").without("web-2");

        assertThat(state.drained()).isEmpty();
        assertThat(Balancer.addresses(state.with(web(2)), Service.WEB_TIER)).contains("127.0.0.1:8082");
    }
}
