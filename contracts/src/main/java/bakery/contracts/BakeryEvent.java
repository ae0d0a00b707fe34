package bakery.contracts;

import java.util.UUID;

/** What every event on a bakery topic has: the order it is about (also the record key) and its schema version. */
public sealed interface BakeryEvent permits OrderPlaced, OrderCommand, BakeRequest, BakeEvent, OrderStatusChanged {

    /** Version 1 is the first published shape; fields are only ever added, so readers ignore what they do not know. */
    int CURRENT_SCHEMA = 1;

    int schemaVersion();

    UUID orderId();

    default String key() {
        return orderId().toString();
    }
}
