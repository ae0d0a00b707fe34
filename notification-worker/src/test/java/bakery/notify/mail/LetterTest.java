package bakery.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;

class LetterTest {

    private static final NotifyConfig CONFIG = new NotifyConfig() {
        public String shopName() {
            return "FADU Bakery";
        }

        public ZoneId zone() {
            return ZoneId.of("Europe/Berlin");
        }

        public Locale locale() {
            return Locale.forLanguageTag("en-IE");
        }

        public String currency() {
            return "EUR";
        }

        public Duration claimTtl() {
            return Duration.ofMinutes(2);
        }

        public Duration sentMemory() {
            return Duration.ofDays(30);
        }

        public Duration sendTimeout() {
            return Duration.ofSeconds(10);
        }

        public Retry retry() {
            return null;
        }
    };

    private static OrderStatusChanged change(OrderStatus status, Instant pickupAt, String reason) {
        return new OrderStatusChanged(1, UUID.fromString("0193ab12-7c4d-7000-8000-00000000abcd"), status, 3, reason,
                new Customer("Jane Doe", "jane.doe@example.org"),
                List.of(new OrderLine("croissant", "Butter croissant", 6, 180), new OrderLine("sourdough", null, 1, 520)),
                1600, pickupAt, Instant.parse("2026-11-22T06:00:00Z"));
    }

    @Test
    void aReadyLetterNamesTheOrderItsItemsTotalAndLocalPickupTime() {
        Letter letter = Letter.about(change(OrderStatus.READY, Instant.parse("2026-11-22T07:30:00Z"), null), CONFIG);

        assertThat(letter.subject()).isEqualTo("Your FADU Bakery order 0000ABCD is ready for pickup");
        assertThat(letter.to()).isEqualTo("jane.doe@example.org");
        assertThat(letter.items()).containsExactly(
                new Letter.Item(6, "Butter croissant", "€10.80"),
                new Letter.Item(1, "sourdough", "€5.20"));
        assertThat(letter.total()).isEqualTo("€16.00");
        assertThat(letter.pickupAt()).contains("22 November 2026").contains("08:30");
    }

    @Test
    void rejectedAndCancelledLettersSaySoAndCarryTheReason() {
        Letter rejected = Letter.about(change(OrderStatus.REJECTED, null, "the bakery is closed on that day"), CONFIG);
        Letter cancelled = Letter.about(change(OrderStatus.CANCELLED, null, null), CONFIG);

        assertThat(rejected.subject()).isEqualTo("We could not accept your FADU Bakery order 0000ABCD");
        assertThat(rejected.reason()).isEqualTo("the bakery is closed on that day");
        assertThat(rejected.pickupAt()).isNull();
        assertThat(cancelled.subject()).isEqualTo("Your FADU Bakery order 0000ABCD has been cancelled");
    }

    @Test
    void onlyReadyRejectedAndCancelledAreToldByEmail() {
        assertThat(List.of(OrderStatus.values())).filteredOn(Letter::isTold)
                .containsExactlyInAnyOrder(OrderStatus.READY, OrderStatus.REJECTED, OrderStatus.CANCELLED);
    }
}
