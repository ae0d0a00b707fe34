package bakery.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void idsAreVersion7AndSortByCreationTime() {
        UUID earlier = OrderIds.next(Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));
        UUID later = OrderIds.next(Clock.fixed(Instant.parse("2026-11-21T08:00:01Z"), ZoneOffset.UTC));
        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void idsDoNotCollide() {
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(OrderIds.next())).isTrue();
        }
    }

    @Test
    void ordersOfTheSameMomentHaveDifferentNumbers() {
        Clock now = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
        var numbers = new HashSet<String>();
        for (int i = 0; i < 100; i++) {
            numbers.add(OrderIds.number(OrderIds.next(now)));
        }
        assertThat(numbers).hasSize(100).allSatisfy(n -> assertThat(n).matches("[0-9A-F]{8}"));
    }
}
