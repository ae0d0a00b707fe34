package bakery.orders.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import bakery.contracts.OrderLine;

/** One line of a stored order. */
@Embeddable
public class OrderLineEmbeddable {

    @Column(name = "line_no")
    public int lineNo;

    public String sku;

    public String name;

    public int quantity;

    @Column(name = "unit_price_cents")
    public long unitPriceCents;

    @Column(name = "bake_seconds")
    public Integer bakeSeconds;

    public OrderLine toOrderLine() {
        return new OrderLine(sku, name, quantity, unitPriceCents);
    }
}
