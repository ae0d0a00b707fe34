package bakery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order-service asks the ovens to bake an accepted order. Published to {@link Topics#BAKE_REQUESTS}. */
public record BakeRequest(int schemaVersion, UUID orderId, List<BakeLine> lines, Instant requestedAt)
        implements
            BakeryEvent {

    public BakeRequest {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        lines = Require.list(lines, "lines");
        Require.present(requestedAt, "requestedAt");
    }

    public static BakeRequest of(UUID orderId, List<BakeLine> lines, Instant requestedAt) {
        return new BakeRequest(CURRENT_SCHEMA, orderId, lines, requestedAt);
    }

    /** Everything goes into the oven together, so the order takes as long as its slowest product. */
    public int bakeSeconds() {
        return lines.stream().mapToInt(BakeLine::bakeSeconds).max().orElse(0);
    }
}
