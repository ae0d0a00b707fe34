package bakery.web.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import bakery.contracts.api.OvenQueue;

class PickupSlotsTest {

    /** Slots of 15 minutes, 4 offered, 2 oven slots in the fleet at real speed, 5 minutes to pack. */
    private final PickupSlots slots = new PickupSlots(null, new Settings(1.0));
    private final Instant now = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void anEmptyOvenMeetsTheSlotAfterThisCartsBakeAndPacking() {
        assertThat(slots.earliest(now, new OvenQueue(0, 0), 600)).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(slots.earliest(now, new OvenQueue(0, 0), 601)).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    }

    @Test
    void theOrdersAheadAreSharedOverTheOvenSlots() {
        // two hours of oven time ahead, two ovens: one hour, then 10 minutes of bake and 5 of packing
        assertThat(slots.earliest(now, new OvenQueue(40, 7200), 600)).isEqualTo(Instant.parse("2026-12-07T10:15:00Z"));
    }

    @Test
    void fasterOvensMeetSoonerSlots() {
        PickupSlots fast = new PickupSlots(null, new Settings(0.1));
        // (7200 / 2 + 600) x 0.1 = 420 s, then 5 minutes of packing: 09:12, so the 09:15 slot
        assertThat(fast.earliest(now, new OvenQueue(40, 7200), 600)).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
    }

    @Test
    void aTimeOnASlotBoundaryIsThatSlotAndALaterSecondTheNextOne() {
        assertThat(slots.earliest(Instant.parse("2026-12-07T09:10:00Z"), new OvenQueue(0, 0), 0))
                .isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(slots.earliest(Instant.parse("2026-12-07T09:10:00.001Z"), new OvenQueue(0, 0), 0))
                .isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    }

    @Test
    void laterSlotsFollowTheEarliestOneSlotApart() {
        assertThat(slots.from(Instant.parse("2026-12-07T09:15:00Z"))).containsExactly(
                Instant.parse("2026-12-07T09:15:00Z"), Instant.parse("2026-12-07T09:30:00Z"),
                Instant.parse("2026-12-07T09:45:00Z"), Instant.parse("2026-12-07T10:00:00Z"));
    }

    /** Slots of 15 minutes, 4 offered, 2 oven slots in the fleet at the given speed, 5 minutes to pack. */
    private record Settings(double ovenSpeedFactor) implements PickupConfig {
        @Override
        public Duration slotLength() {
            return Duration.ofMinutes(15);
        }

        @Override
        public int slotsOffered() {
            return 4;
        }

        @Override
        public int ovenSlots() {
            return 2;
        }

        @Override
        public Duration packing() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration queueMaxAge() {
            return Duration.ofSeconds(5);
        }
    }
}
