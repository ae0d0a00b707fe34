package bakery.contracts.serde;

import bakery.contracts.OrderPlaced;

/** {@code value.deserializer} for channels carrying {@link OrderPlaced}. */
public class OrderPlacedDeserializer extends EventDeserializer<OrderPlaced> {

    public OrderPlacedDeserializer() {
        super(OrderPlaced.class);
    }
}
