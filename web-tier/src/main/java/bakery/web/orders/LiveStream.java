package bakery.web.orders;

import bakery.contracts.api.OrderView;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How live pages speak SSE: one event per order state (named, with an id the browser sends back as
 * Last-Event-ID when it reconnects), and a comment now and then so proxies keep the stream open and
 * a dead client is noticed.
 */
@ApplicationScoped
public class LiveStream {

    private final Duration heartbeat;

    public LiveStream(@ConfigProperty(name = "bakery.web.live.heartbeat") Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public OutboundSseEvent event(Sse sse, String name, String id, OrderView view) {
        return sse.newEventBuilder()
                .name(name)
                .id(id)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(OrderView.class, view)
                .build();
    }

    public Multi<OutboundSseEvent> withHeartbeats(Sse sse, Multi<OutboundSseEvent> events) {
        Multi<OutboundSseEvent> beats = Multi.createFrom().ticks().every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, beats);
    }
}
