package bakery.stack.orchestration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.Jedis;

import bakery.contracts.OrderStatus;
import bakery.contracts.OvenKeys;
import bakery.contracts.Topics;
import bakery.load.chaos.Whereabouts;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.kafka.TopicReader;
import bakery.stack.process.Service;

/**
 * Looks, from outside the services, for where accepted orders sit: their rows and the outbox in the
 * stack's PostgreSQL, the records the worker groups have not committed past on the topics an order
 * travels (Kafka Admin and a reader that joins no group), and the baking workers' oven leases in
 * Redis. No service is asked: a service that lost an order would not know it.
 */
public final class OrderSearch {

    /** Where an order waits for a worker group: the group and the topic it reads it from. */
    record Queue(String group, String topic) {
        String describe() {
            return topic + " (" + group + ")";
        }
    }

    /** Every queue an order passes on its way to READY; orders.status is read by the verdict itself. */
    static final List<Queue> QUEUES = List.of(
            new Queue(Service.ORDER_SERVICE.module(), Topics.ORDERS_PLACED),
            new Queue(Service.BAKING_WORKER.module(), Topics.BAKE_REQUESTS),
            new Queue(Service.ORDER_SERVICE.module(), Topics.BAKE_EVENTS));

    private final LocalStack stack;
    private final Duration timeout;

    public OrderSearch(LocalStack stack) {
        this.stack = stack;
        this.timeout = stack.settings().duration("chaos.request-timeout");
    }

    /** Where each of the orders sits; an order found nowhere gets {@link Whereabouts#lost()}. */
    public Map<UUID, Whereabouts> find(Set<UUID> orders) {
        if (orders.isEmpty()) {
            return Map.of();
        }
        // Along an order's way, upstream first: an order that moves on while it is looked for is
        // found further down (its row is written before its offset is committed), or has reached
        // orders.status, which the verdict reads again afterwards.
        Map<UUID, List<String>> queued = queued(orders);
        Map<UUID, String> leases = leases(orders);
        Map<UUID, OrderStatus> stored;
        Set<UUID> inOutbox;
        try (Connection db = connect()) {
            stored = stored(db, orders);
            inOutbox = inOutbox(db, orders);
        } catch (SQLException e) {
            throw new StackException("the verdict could not look for the unsettled orders in PostgreSQL: " + e.getMessage(), e);
        }
        Map<UUID, Whereabouts> found = new HashMap<>();
        for (UUID id : orders) {
            found.put(id, Whereabouts.of(new Whereabouts.Evidence(Optional.ofNullable(stored.get(id)), inOutbox.contains(id),
                    queued.getOrDefault(id, List.of()), Optional.ofNullable(leases.get(id)))));
        }
        return found;
    }

    /** Mean bake time of the catalog's products, as the bakers would bake them at speed factor 1. */
    public OptionalDouble catalogBakeSeconds() {
        try (Connection db = connect();
                PreparedStatement q = db.prepareStatement("SELECT avg(bake_seconds) FROM product");
                ResultSet r = q.executeQuery()) {
            return r.next() && r.getObject(1) != null ? OptionalDouble.of(r.getDouble(1)) : OptionalDouble.empty();
        } catch (SQLException e) {
            return OptionalDouble.empty();
        }
    }

    private Map<UUID, List<String>> queued(Set<UUID> orders) {
        Map<UUID, List<String>> queued = new HashMap<>();
        TopicReader history = new TopicReader(stack.kafka().bootstrapServers(), timeout);
        try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(), timeout)) {
            for (Queue queue : QUEUES) {
                Map<TopicPartition, long[]> ranges = new HashMap<>();
                for (ConsumerLag.Unconsumed u : lag.unconsumed(queue.group(), queue.topic())) {
                    ranges.put(u.partition(), new long[] { u.from(), u.to() });
                }
                for (String key : history.keys(ranges)) {
                    UUID id = parse(key);
                    if (id != null && orders.contains(id)) {
                        queued.computeIfAbsent(id, k -> new ArrayList<>()).add(queue.describe());
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new StackException("the verdict could not read the queues in Kafka: " + e.getMessage(), e);
        }
        return queued;
    }

    /** The holder of each order's live oven lease, as the baking workers write it (docs/workers.md): the node's id. */
    private Map<UUID, String> leases(Collection<UUID> orders) {
        Map<UUID, String> held = new HashMap<>();
        try (Jedis redis = new Jedis("127.0.0.1", stack.redis().port(), (int) timeout.toMillis())) {
            for (UUID id : orders) {
                String holder = redis.get(OvenKeys.lease(id));
                if (holder != null) {
                    held.put(id, OvenKeys.holderNode(holder));
                }
            }
        } catch (RuntimeException e) {
            throw new StackException("the verdict could not read the oven leases in Redis: " + e.getMessage(), e);
        }
        return held;
    }

    private Connection connect() throws SQLException {
        return stack.postgres().connect(timeout);
    }

    private static Map<UUID, OrderStatus> stored(Connection db, Set<UUID> orders) throws SQLException {
        Map<UUID, OrderStatus> stored = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT order_id, status FROM orders WHERE order_id = ANY (?)")) {
            Array ids = db.createArrayOf("uuid", orders.toArray());
            q.setArray(1, ids);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getObject(1, UUID.class), OrderStatus.valueOf(r.getString(2)));
                }
            }
        }
        return stored;
    }

    /** Orders with an event still waiting in the order-service's outbox (its keys are order ids). */
    private static Set<UUID> inOutbox(Connection db, Set<UUID> orders) throws SQLException {
        Set<UUID> waiting = new HashSet<>();
        try (PreparedStatement q = db
                .prepareStatement("SELECT DISTINCT k FROM outbox, unnest(message_keys) AS k WHERE k = ANY (?)")) {
            q.setArray(1, db.createArrayOf("text", orders.stream().map(UUID::toString).toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    waiting.add(UUID.fromString(r.getString(1)));
                }
            }
        }
        return waiting;
    }

    private static UUID parse(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException notAnOrder) {
            return null;
        }
    }
}
