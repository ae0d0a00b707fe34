package bakery.orders.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import bakery.contracts.OrderStatus;
import bakery.contracts.api.CustomerName;
import bakery.contracts.api.OrderView;

/**
 * An order as stored, for reading. Every write goes through SQL in the intake and the life cycle
 * (batched inserts guarded by unique constraints, updates conditional on {@code version}), so this
 * entity is only ever loaded, never flushed.
 */
@Entity
@Table(name = "orders")
public class OrderEntity extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    public long version;

    public String reason;

    @Column(name = "customer_name")
    public String customerName;

    // No customer_email: the query API never needs the address, so it never even loads it (docs/security.md).

    @Column(name = "total_cents")
    public long totalCents;

    @Column(name = "pickup_at")
    public Instant pickupAt;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "web_node")
    public String webNode;

    // Loaded with the orders a query read, in batches (quarkus.hibernate-orm.fetch.batch-size): a subselect would
    // repeat the query without its limit, and read the lines of every active order for each page of the board.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("lineNo")
    @Fetch(FetchMode.SELECT)
    public List<OrderLineEmbeddable> lines = new ArrayList<>();

    public OrderView toView() {
        return new OrderView(orderId, status, version, reason, new CustomerName(customerName),
                lines.stream().map(OrderLineEmbeddable::toOrderLine).toList(),
                totalCents, pickupAt, placedAt, updatedAt);
    }
}
