package bakery.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderStatus;
import bakery.contracts.SampleEvents;
import bakery.contracts.serde.EventJson;

/**
 * An order view no longer carries the customer's e-mail address, yet web nodes of the release before and after this
 * one keep reading what order-service sends during a rolling upgrade.
 */
class OrderViewCompatibilityTest {

    /** The view as the release before read it: its customer was a {@link Customer}, whose e-mail must not be blank. */
    record ViewOfTheReleaseBefore(UUID orderId, OrderStatus status, long version, String reason, Customer customer,
            List<OrderLine> lines, long totalCents, Instant pickupAt, Instant placedAt, Instant updatedAt) {
    }

    private static final OrderView VIEW = new OrderView(SampleEvents.ORDER, OrderStatus.BAKING, 3, null,
            new CustomerName("Anna Weber"), SampleEvents.LINES, 1130, SampleEvents.AT.plusSeconds(3600), SampleEvents.AT,
            SampleEvents.AT.plusSeconds(60));

    @Test
    void aViewCarriesTheCustomersNameAndNoAddress() throws Exception {
        String json = EventJson.MAPPER.writeValueAsString(VIEW);

        assertThat(json).contains("\"name\":\"Anna Weber\"").doesNotContain(SampleEvents.ANNA.email());
        assertThat(EventJson.MAPPER.readValue(json, OrderView.class)).isEqualTo(VIEW);
    }

    @Test
    void theReleaseBeforeReadsTheViewThisReleaseWrites() throws Exception {
        ViewOfTheReleaseBefore old = EventJson.MAPPER.readValue(EventJson.MAPPER.writeValueAsString(VIEW),
                ViewOfTheReleaseBefore.class);

        assertThat(old.customer().name()).isEqualTo("Anna Weber");
        assertThat(old.customer().email()).isEqualTo(CustomerName.WITHHELD_EMAIL).endsWith(".invalid");
        assertThat(old.version()).isEqualTo(3);
        assertThat(old.lines()).isEqualTo(SampleEvents.LINES);
    }

    @Test
    void aViewFromTheReleaseBeforeLosesItsAddressOnTheWayThrough() throws Exception {
        String fromOldOrderService = EventJson.MAPPER.writeValueAsString(new ViewOfTheReleaseBefore(SampleEvents.ORDER,
                OrderStatus.BAKING, 3, null, SampleEvents.ANNA, SampleEvents.LINES, 1130, SampleEvents.AT.plusSeconds(3600),
                SampleEvents.AT, SampleEvents.AT.plusSeconds(60)));

        OrderView read = EventJson.MAPPER.readValue(fromOldOrderService, OrderView.class);

        assertThat(read).isEqualTo(VIEW);
        assertThat(EventJson.MAPPER.writeValueAsString(read)).as("what a page would get")
                .doesNotContain(SampleEvents.ANNA.email());
    }
}
