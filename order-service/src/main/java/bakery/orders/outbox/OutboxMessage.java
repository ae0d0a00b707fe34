package bakery.orders.outbox;

import bakery.contracts.BakeryEvent;
import bakery.contracts.serde.EventSerializer;

/** One event waiting to go to Kafka: its topic, its key (the order id) and the JSON bytes. */
public record OutboxMessage(String topic, String key, byte[] payload) {

    private static final EventSerializer SERIALIZER = new EventSerializer();

    public static OutboxMessage of(String topic, BakeryEvent event) {
        return new OutboxMessage(topic, event.key(), SERIALIZER.serialize(topic, event));
    }
}
