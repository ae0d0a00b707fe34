package bakery.orders.outbox;

import bakery.contracts.BakeryEvent;
import bakery.contracts.serde.EventSerializer;

/**
 * One event waiting to go to Kafka: its topic, its key (the order id), the JSON bytes and the
 * W3C {@code traceparent} of the work that caused it (null when there is no trace).
 */
public record OutboxMessage(String topic, String key, byte[] payload, String traceparent) {

    private static final EventSerializer SERIALIZER = new EventSerializer();

    public static OutboxMessage of(String topic, BakeryEvent event, String traceparent) {
        return new OutboxMessage(topic, event.key(), SERIALIZER.serialize(topic, event), traceparent);
    }
}
