package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import bakery.servers.kafka.ConsumerLag;

class GroupBacklogTest {

    static ConsumerLag.TopicLag lag(String group, String topic, long lag, long position) {
        return new ConsumerLag.TopicLag(group, topic, 1, 12, lag, true, position);
    }

    @Test
    void theSurvivorsBacklogDrainsAtThePaceItWorkedInTheWindow() {
        // one baker left after a crash: 120 requests queued, 4 worked off in the last 2 s
        List<GroupBacklog> backlogs = GroupBacklog.of(Set.of("baking-worker"),
                List.of(lag("baking-worker", "bake.requests", 124, 1000)),
                List.of(lag("baking-worker", "bake.requests", 120, 1004)), Duration.ofSeconds(2));

        GroupBacklog bakers = backlogs.get(0);
        assertThat(bakers.backlog()).isEqualTo(120);
        assertThat(bakers.perSecond()).isEqualTo(2.0);
        assertThat(bakers.timeToDrain()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aGroupThatWorkedNothingOffWhileRecordsWaitIsStuckAndAnEmptyOneIsDone() {
        List<GroupBacklog> backlogs = GroupBacklog.of(List.of("notification-worker", "order-service"),
                List.of(lag("notification-worker", "orders.status", 30, 500), lag("order-service", "orders.placed", 0, 80),
                        lag("order-service", "bake.events", 0, 90)),
                List.of(lag("notification-worker", "orders.status", 35, 500), lag("order-service", "orders.placed", 0, 80),
                        lag("order-service", "bake.events", 0, 90)),
                Duration.ofSeconds(2));

        assertThat(backlogs.get(0).stuck()).isTrue();
        assertThat(backlogs.get(0).timeToDrain()).isNull();
        assertThat(backlogs.get(1).backlog()).isZero();
        assertThat(backlogs.get(1).timeToDrain()).isEqualTo(Duration.ZERO);
    }
}
