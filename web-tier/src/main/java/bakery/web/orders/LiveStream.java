package bakery.web.orders;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bakery.contracts.api.OrderView;
import bakery.web.limits.StreamSlots;

/**
 * How live pages speak SSE: one event per order state (named, with an id the browser sends back as
 * Last-Event-ID when it reconnects), and a comment now and then so proxies keep the stream open and
 * a dead client is noticed.
 * <p>
 * A live stream never ends by itself, and the HTTP server waits for open requests before the node
 * may stop. So when the node starts shutting down (readiness goes DOWN), every stream is completed
 * and new ones end at once: browsers reconnect, with their Last-Event-ID, through the balancer to
 * a node that stays, and this one leaves without waiting out {@code quarkus.shutdown.timeout}.
 * Open streams are counted on /q/metrics as {@code bakery.web.sse.clients}.
 */
@ApplicationScoped
public class LiveStream {

    private static final Logger LOG = Logger.getLogger(LiveStream.class);

    private final Duration heartbeat;
    private final AtomicInteger open = new AtomicInteger();
    private final CompletableFuture<Void> closing = new CompletableFuture<>();

    public LiveStream(@ConfigProperty(name = "bakery.web.live.heartbeat") Duration heartbeat, MeterRegistry registry) {
        this.heartbeat = heartbeat;
        Gauge.builder("bakery.web.sse.clients", open, AtomicInteger::get)
                .description("live order and board streams open on this node")
                .register(registry);
    }

    public OutboundSseEvent event(Sse sse, String name, String id, OrderView view) {
        return sse.newEventBuilder()
                .name(name)
                .id(id)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(OrderView.class, view)
                .build();
    }

    /** Many orders in one event, a JSON array, with no id: a browser that reconnects starts again from a snapshot. */
    public OutboundSseEvent event(Sse sse, String name, List<OrderView> views) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(new GenericType<List<OrderView>>() {
                }, views)
                .build();
    }

    /**
     * The stream with heartbeats, counted while open, and completed when the node starts shutting
     * down. Its place among the live stream limits ({@code slot}) is renewed with each heartbeat and
     * given back when it ends.
     */
    public Multi<OutboundSseEvent> withHeartbeats(Sse sse, Multi<OutboundSseEvent> events, Optional<StreamSlots.Slot> slot) {
        return Multi.createFrom().deferred(() -> {
            if (closing.isDone()) {
                slot.ifPresent(StreamSlots.Slot::release);
                return Multi.createFrom().empty();
            }
            Multi<OutboundSseEvent> beats = Multi.createFrom().ticks().every(heartbeat)
                    .invoke(tick -> slot.ifPresent(StreamSlots.Slot::renew))
                    .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
            // the end marker is never sent: it only tells the stream to complete
            OutboundSseEvent end = sse.newEventBuilder().comment("closing").build();
            Multi<OutboundSseEvent> closingTime = Uni.createFrom().completionStage(() -> closing.thenApply(done -> end))
                    .toMulti();
            return Multi.createBy().merging().streams(events, beats, closingTime)
                    .select().first(event -> event != end)
                    .onSubscription().invoke(open::incrementAndGet)
                    .onTermination().invoke(() -> {
                        open.decrementAndGet();
                        slot.ifPresent(StreamSlots.Slot::release);
                    });
        });
    }

    /** Readiness just went DOWN: send every browser elsewhere now. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent delay) {
        closeAll();
    }

    /** Without a shutdown delay (tests) the first notice is the shutdown itself. */
    void onShutdown(@Observes ShutdownEvent shutdown) {
        closeAll();
    }

    private void closeAll() {
        if (closing.complete(null)) {
            LOG.infof("node is leaving: completing %d live streams so their browsers reconnect elsewhere", open.get());
        }
    }

    /** Live streams open on this node now. */
    public int open() {
        return open.get();
    }
}
