package bakery.contracts.serde;

import bakery.contracts.OrderStatusChanged;

/** {@code value.deserializer} for channels carrying {@link OrderStatusChanged}. */
public class OrderStatusChangedDeserializer extends EventDeserializer<OrderStatusChanged> {

    public OrderStatusChangedDeserializer() {
        super(OrderStatusChanged.class);
    }
}
