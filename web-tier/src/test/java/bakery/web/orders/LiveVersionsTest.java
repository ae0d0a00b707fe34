package bakery.web.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LiveVersionsTest {

    @Test
    void onlyVersionsNewerThanTheLastSentPass() {
        AtomicLong seen = new AtomicLong(OrderResource.lastSeen(null));
        assertThat(OrderResource.newer(seen, 0)).isTrue();
        assertThat(OrderResource.newer(seen, 2)).isTrue();
        assertThat(OrderResource.newer(seen, 1)).as("late snapshot older than a live event").isFalse();
        assertThat(OrderResource.newer(seen, 2)).as("redelivered").isFalse();
        assertThat(OrderResource.newer(seen, 3)).isTrue();
    }

    @Test
    void lastEventIdResumesAfterThatVersionAndGarbageStartsFromScratch() {
        assertThat(OrderResource.lastSeen("4")).isEqualTo(4);
        assertThat(OrderResource.lastSeen(" 7 ")).isEqualTo(7);
        assertThat(OrderResource.lastSeen("not-a-version")).isEqualTo(-1);
    }
}
