package bakery.contracts.serde;

import bakery.contracts.BakeRequest;

/** {@code value.deserializer} for channels carrying {@link BakeRequest}. */
public class BakeRequestDeserializer extends EventDeserializer<BakeRequest> {

    public BakeRequestDeserializer() {
        super(BakeRequest.class);
    }
}
