package bakery.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record on a topic that is not a valid event: names the topic and, where known, the field. */
public class EventFormatException extends SerializationException {

    private final String topic;
    private final String field;

    public EventFormatException(String topic, String field, String detail, Throwable cause) {
        super("invalid record on topic '" + topic + "'" + (field == null ? "" : " at field '" + field + "'") + ": " + detail,
                cause);
        this.topic = topic;
        this.field = field;
    }

    public String topic() {
        return topic;
    }

    /** The offending field as a dotted path, or null when the record is not JSON at all. */
    public String field() {
        return field;
    }
}
