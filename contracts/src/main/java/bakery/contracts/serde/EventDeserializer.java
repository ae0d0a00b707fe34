package bakery.contracts.serde;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.apache.kafka.common.serialization.Deserializer;

import bakery.contracts.BakeryEvent;
import bakery.contracts.MissingFieldException;

/**
 * Reads one event type from JSON. A record that is not JSON, has a field of the wrong type, or
 * misses a required field fails with an {@link EventFormatException} naming topic and field, so
 * the consumer can dead-letter it and carry on. A value of a known field that this release does not know (a status
 * a newer release added) fails with a {@link NewerEventException} instead: not poison, a record for a newer reader.
 */
public abstract class EventDeserializer<T extends BakeryEvent> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            T event = EventJson.MAPPER.readValue(data, type);
            if (event == null) {
                throw new EventFormatException(topic, null, "the record is JSON null", null);
            }
            return event;
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw new NewerEventException(topic, fieldOf(e), "'" + e.getValue() + "' is not a "
                        + e.getTargetType().getSimpleName() + " this release knows", e);
            }
            throw new EventFormatException(topic, fieldOf(e), detailOf(e), e);
        } catch (JsonMappingException e) {
            throw new EventFormatException(topic, fieldOf(e), detailOf(e), e);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(topic, null, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException(topic, null, e.getMessage(), e);
        }
    }

    private static String fieldOf(JsonMappingException e) {
        if (e.getCause() instanceof MissingFieldException missing) {
            return missing.field();
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? null : path.replace(".[", "[");
    }

    private static String detailOf(JacksonException e) {
        if (e.getCause() instanceof MissingFieldException missing) {
            return missing.getMessage();
        }
        return e.getOriginalMessage();
    }
}
