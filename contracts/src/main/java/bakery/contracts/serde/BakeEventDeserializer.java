package bakery.contracts.serde;

import bakery.contracts.BakeEvent;

/** {@code value.deserializer} for channels carrying {@link BakeEvent}. */
public class BakeEventDeserializer extends EventDeserializer<BakeEvent> {

    public BakeEventDeserializer() {
        super(BakeEvent.class);
    }
}
