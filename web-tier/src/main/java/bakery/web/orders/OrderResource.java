package bakery.web.orders;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import bakery.contracts.OrderPlaced;
import bakery.contracts.api.OrderView;
import bakery.web.limits.CurrentStreamSlot;
import bakery.web.limits.LimitedStream;
import bakery.web.limits.StreamSlots;
import bakery.web.session.CurrentSession;

/** A customer's own order as JSON, and its live status stream. */
@PermitAll
@Path("/api/orders/{id}")
public class OrderResource {

    static final String STATUS_EVENT = "status";

    @Inject
    CustomerOrders orders;
    @Inject
    StatusFeed feed;
    @Inject
    LiveStream live;
    @Inject
    CurrentSession session;
    @Inject
    CurrentStreamSlot slot;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OrderView> order(@PathParam("id") UUID id) {
        return orders.current(session.existing(), id);
    }

    /**
     * The order's current state first, then every change. The live feed is subscribed before the
     * snapshot is fetched, and versions only ever grow, so nothing falls between the two and nothing
     * is sent twice; a reconnecting browser's Last-Event-ID (the last version it saw) skips what it has.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @OwnOrder
    @LimitedStream
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        Optional<StreamSlots.Slot> place = slot.get();
        return Multi.createFrom().uni(orders.owned(session.existing(), id))
                .onItem().transformToMultiAndConcatenate(placed -> stream(placed, lastEventId, sse, place));
    }

    private Multi<OutboundSseEvent> stream(OrderPlaced placed, String lastEventId, Sse sse, Optional<StreamSlots.Slot> place) {
        UUID id = placed.orderId();
        AtomicLong seen = new AtomicLong(lastSeen(lastEventId));
        Multi<OrderView> states = Multi.createBy().merging().streams(
                feed.updatesOf(id).map(OrderViews::of),
                orders.current(placed).toMulti());
        Multi<OutboundSseEvent> events = states
                .filter(view -> newer(seen, view.version()))
                .map(view -> live.event(sse, STATUS_EVENT, Long.toString(view.version()), view));
        return live.withHeartbeats(sse, events, place);
    }

    static boolean newer(AtomicLong seen, long version) {
        return seen.getAndAccumulate(version, Math::max) < version;
    }

    static long lastSeen(String lastEventId) {
        try {
            return lastEventId == null ? -1 : Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
