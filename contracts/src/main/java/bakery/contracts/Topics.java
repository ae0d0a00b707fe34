package bakery.contracts;

import java.util.List;

/** The one table of topic names. Keys are always the order id, so one order's events stay ordered. */
public final class Topics {

    public static final String ORDERS_PLACED = "orders.placed";
    public static final String ORDERS_COMMANDS = "orders.commands";
    public static final String BAKE_REQUESTS = "bake.requests";
    public static final String BAKE_EVENTS = "bake.events";
    public static final String ORDERS_STATUS = "orders.status";

    /** Suffix of the dead-letter topic that a failing consumer writes a poison record to. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Header naming why a record was dead-lettered (SmallRye's own header name). */
    public static final String DLQ_REASON_HEADER = "dead-letter-reason";

    public static final List<String> ALL = List.of(ORDERS_PLACED, ORDERS_COMMANDS, BAKE_REQUESTS, BAKE_EVENTS, ORDERS_STATUS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
