package bakery.contracts.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import bakery.contracts.BakeryEvent;

/** Writes any bakery event as UTF-8 JSON. Usable as {@code value.serializer} of every outgoing channel. */
public class EventSerializer implements Serializer<BakeryEvent> {

    @Override
    public byte[] serialize(String topic, BakeryEvent event) {
        if (event == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + event.getClass().getSimpleName() + " to " + topic, e);
        }
    }
}
