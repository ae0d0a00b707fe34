package bakery.defaults;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bakery's business counters, the same names on every service: {@code bakery.orders} by
 * {@code stage} (each service counts the stages it makes happen, once per order), rejections by
 * {@code reason}, records sent to a dead-letter topic by {@code topic}, and records left to a newer
 * release by {@code topic}. Prometheus shows them as {@code bakery_orders_total},
 * {@code bakery_orders_rejected_total}, {@code bakery_dead_letters_total}, {@code bakery_records_newer_total}.
 */
@ApplicationScoped
public class OrderMeters {

    /** Where an order got to, in the order it gets there. */
    public enum Stage {
        PLACED,
        ACCEPTED,
        REJECTED,
        BAKED,
        READY,
        NOTIFIED,
        PICKED_UP,
        CANCELLED
    }

    @Inject
    MeterRegistry registry;
    private final Map<Stage, Counter> stages = new EnumMap<>(Stage.class);

    public void reached(Stage stage) {
        reached(stage, 1);
    }

    public void reached(Stage stage, int orders) {
        if (orders > 0) {
            counter(stage).increment(orders);
        }
    }

    /** An order refused at intake; {@code reason} is a short fixed word (bounded tag values), not the customer's text. */
    public void rejected(String reason) {
        registry.counter("bakery.orders.rejected", "reason", reason).increment();
    }

    public void deadLettered(String topic) {
        registry.counter("bakery.dead.letters", "topic", topic).increment();
    }

    /** A record a newer release wrote that this node acknowledged without acting on it (see UnreadableRecord). */
    public void fromNewerRelease(String topic) {
        registry.counter("bakery.records.newer", "topic", topic).increment();
    }

    private synchronized Counter counter(Stage stage) {
        return stages.computeIfAbsent(stage, s -> Counter.builder("bakery.orders")
                .description("orders that reached a stage")
                .tag("stage", s.name().toLowerCase(Locale.ROOT))
                .register(registry));
    }
}
