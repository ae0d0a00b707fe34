package bakery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample events for the serde tests. */
public final class SampleEvents {

    public static final Instant AT = Instant.parse("2026-11-21T08:30:00Z");
    public static final UUID ORDER = UUID.fromString("019a8f2e-7c00-7abc-8def-0123456789ab");
    public static final Customer ANNA = new Customer("Anna Weber", "anna@example.org");
    public static final List<OrderLine> LINES = List.of(
            new OrderLine("CROISSANT", "Butter croissant", 2, 240),
            new OrderLine("SOURDOUGH", "Sourdough loaf", 1, 650));

    public static List<BakeryEvent> oneOfEach() {
        return List.of(
                OrderPlaced.of(ORDER, "idem-1", ANNA, LINES, AT.plusSeconds(3600), AT, "web-1"),
                OrderCommand.of(ORDER, OrderCommand.Action.CANCEL, "staff", AT),
                BakeRequest.of(ORDER, List.of(new BakeLine("CROISSANT", 2, 900)), AT),
                BakeEvent.started(ORDER, "baking-worker-1", AT),
                new OrderStatusChanged(1, ORDER, OrderStatus.READY, 4, null, ANNA, LINES, 1130, AT, AT));
    }

    private SampleEvents() {
    }
}
