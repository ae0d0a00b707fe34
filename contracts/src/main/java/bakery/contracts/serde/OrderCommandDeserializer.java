package bakery.contracts.serde;

import bakery.contracts.OrderCommand;

/** {@code value.deserializer} for channels carrying {@link OrderCommand}. */
public class OrderCommandDeserializer extends EventDeserializer<OrderCommand> {

    public OrderCommandDeserializer() {
        super(OrderCommand.class);
    }
}
