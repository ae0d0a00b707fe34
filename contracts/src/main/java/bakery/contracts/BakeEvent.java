package bakery.contracts;

import java.time.Instant;
import java.util.UUID;

/** An oven started or finished an order. Published to {@link Topics#BAKE_EVENTS}. */
public record BakeEvent(int schemaVersion, UUID orderId, Stage stage, String workerNode, Instant at)
        implements
            BakeryEvent {

    public enum Stage {
        STARTED,
        FINISHED
    }

    public BakeEvent {
        Require.schema(schemaVersion);
        Require.present(orderId, "orderId");
        Require.present(stage, "stage");
        Require.text(workerNode, "workerNode");
        Require.present(at, "at");
    }

    public static BakeEvent started(UUID orderId, String workerNode, Instant at) {
        return new BakeEvent(CURRENT_SCHEMA, orderId, Stage.STARTED, workerNode, at);
    }

    public static BakeEvent finished(UUID orderId, String workerNode, Instant at) {
        return new BakeEvent(CURRENT_SCHEMA, orderId, Stage.FINISHED, workerNode, at);
    }
}
