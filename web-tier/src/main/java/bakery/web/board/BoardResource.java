package bakery.web.board;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import bakery.contracts.OrderCommand;
import bakery.contracts.api.OrderView;
import bakery.web.limits.CurrentStreamSlot;
import bakery.web.limits.LimitedStream;
import bakery.web.limits.StreamSlots;
import bakery.web.orders.LiveStream;
import bakery.web.orders.OrderViews;
import bakery.web.orders.StatusFeed;

/**
 * The staff board: columns filled by an SSE stream of every active order and every change, and
 * the pick-up and cancel actions. Role staff, checked here and by path (application.properties).
 */
@RolesAllowed("staff")
@Path("/")
public class BoardResource {

    static final String ORDER_EVENT = "order";

    private final ActiveOrders active;
    private final StatusFeed feed;
    private final LiveStream live;
    private final StaffCommandSender commands;
    private final SecurityIdentity identity;
    private final Template board;
    private final CurrentStreamSlot slot;

    public BoardResource(ActiveOrders active, StatusFeed feed, LiveStream live, StaffCommandSender commands,
            SecurityIdentity identity, Template board, CurrentStreamSlot slot) {
        this.active = active;
        this.feed = feed;
        this.live = live;
        this.commands = commands;
        this.identity = identity;
        this.board = board;
        this.slot = slot;
    }

    @GET
    @Path("/board")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return board.data("staff", identity.getPrincipal().getName()).data("ops", identity.hasRole("ops"));
    }

    /** Every active order first, then every change; per order, only versions newer than the last one sent. */
    @GET
    @Path("/api/board/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LimitedStream
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        Optional<StreamSlots.Slot> place = slot.get();
        return Multi.createFrom().deferred(() -> {
            Map<UUID, Long> sent = new ConcurrentHashMap<>();
            Multi<OrderView> states = Multi.createBy().merging().streams(
                    feed.updates().map(OrderViews::of),
                    active.all());
            Multi<OutboundSseEvent> events = states
                    .filter(view -> isNewer(sent, view))
                    .map(view -> live.event(sse, ORDER_EVENT, view.orderId() + ":" + view.version(), view));
            return live.withHeartbeats(sse, events, place);
        });
    }

    @POST
    @Path("/board/orders/{id}/pick-up")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> pickUp(@PathParam("id") UUID id) {
        return act(id, OrderCommand.Action.PICK_UP);
    }

    @POST
    @Path("/board/orders/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") UUID id) {
        return act(id, OrderCommand.Action.CANCEL);
    }

    private Uni<Response> act(UUID id, OrderCommand.Action action) {
        return commands.send(id, action, identity.getPrincipal().getName())
                .replaceWith(Response.seeOther(URI.create("/board")).build());
    }

    private static boolean isNewer(Map<UUID, Long> sent, OrderView view) {
        long before = sent.getOrDefault(view.orderId(), -1L);
        sent.merge(view.orderId(), view.version(), Math::max);
        return view.version() > before;
    }
}
