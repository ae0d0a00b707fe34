package bakery.web.board;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import bakery.contracts.OrderCommand;
import bakery.contracts.OrderStatus;
import bakery.contracts.api.OrderView;
import bakery.web.Refusal;
import bakery.web.limits.CurrentStreamSlot;
import bakery.web.limits.LimitedStream;
import bakery.web.limits.StreamSlots;
import bakery.web.orders.LiveStream;
import bakery.web.orders.OrderViews;
import bakery.web.orders.StatusFeed;

/**
 * The staff board: columns filled by an SSE stream of every active order and every change, and
 * the pick-up and cancel actions, one order at a time or many ready orders at once. Role staff,
 * checked here and by path (application.properties).
 */
@RolesAllowed("staff")
@Path("/")
public class BoardResource {

    static final String ORDER_EVENT = "order";
    /** Many orders in one event: the board's opening snapshot, a page at a time. */
    static final String ORDERS_EVENT = "orders";
    static final String SNAPSHOT_BY_PAGE = "pages";

    /** The board's columns, left to right: an order moves through them. */
    static final List<Column> COLUMNS = List.of(new Column(OrderStatus.PLACED, "Placed"),
            new Column(OrderStatus.ACCEPTED, "Accepted"), new Column(OrderStatus.BAKING, "Baking"),
            new Column(OrderStatus.READY, "Ready"));

    private final ActiveOrders active;
    private final StatusFeed feed;
    private final LiveStream live;
    private final StaffCommandSender commands;
    private final SecurityIdentity identity;
    private final Template board;
    private final CurrentStreamSlot slot;
    private final int rowsPerPage;
    private final int maxBulk;

    public BoardResource(ActiveOrders active, StatusFeed feed, LiveStream live, StaffCommandSender commands,
            SecurityIdentity identity, Template board, CurrentStreamSlot slot,
            @ConfigProperty(name = "bakery.web.board.rows-per-column-page") int rowsPerPage,
            @ConfigProperty(name = "bakery.web.board.max-bulk") int maxBulk) {
        this.rowsPerPage = rowsPerPage;
        this.maxBulk = maxBulk;
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
        return board.data("staff", identity.getPrincipal().getName()).data("ops", identity.hasRole("ops"))
                .data("columns", COLUMNS).data("pageSize", rowsPerPage);
    }

    /**
     * Every active order first, then every change; per order, only versions newer than the last one sent. A board
     * that asks for {@code snapshot=pages} gets the orders it starts with as one "orders" event per page read from
     * order-service (a JSON array), not one "order" event each: 2,000 open orders are ten events, not 2,000.
     * Changes are always single "order" events. A node of the release before ignores the parameter and sends
     * single events, which this release's board reads too; without the parameter (a board of the release before)
     * this node sends single events as well.
     */
    @GET
    @Path("/api/board/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LimitedStream
    public Multi<OutboundSseEvent> events(@Context Sse sse, @RestQuery("snapshot") String snapshot) {
        boolean byPage = snapshot(snapshot);
        Optional<StreamSlots.Slot> place = slot.get();
        return Multi.createFrom().deferred(() -> {
            Map<UUID, Long> sent = new ConcurrentHashMap<>();
            Multi<OutboundSseEvent> changes = feed.updates().map(OrderViews::of)
                    .filter(view -> isNewer(sent, view))
                    .map(view -> orderEvent(sse, view));
            Multi<OutboundSseEvent> start = byPage
                    ? active.pages()
                            .map(page -> page.stream().filter(view -> isNewer(sent, view)).toList())
                            .filter(page -> !page.isEmpty())
                            .map(page -> live.event(sse, ORDERS_EVENT, page))
                    : active.all()
                            .filter(view -> isNewer(sent, view))
                            .map(view -> orderEvent(sse, view));
            // changes first: nothing that happens while the pages are read is missed
            return live.withHeartbeats(sse, Multi.createBy().merging().streams(changes, start), place);
        });
    }

    private OutboundSseEvent orderEvent(Sse sse, OrderView view) {
        return live.event(sse, ORDER_EVENT, view.orderId() + ":" + view.version(), view);
    }

    private static boolean snapshot(String snapshot) {
        if (snapshot == null) {
            return false;
        }
        if (SNAPSHOT_BY_PAGE.equals(snapshot)) {
            return true;
        }
        String shown = snapshot.length() > 40 ? snapshot.substring(0, 40) + "…" : snapshot;
        throw Refusal.badRequest("snapshot", "snapshot may only be '" + SNAPSHOT_BY_PAGE + "' (or left out), not '"
                + shown + "'");
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

    /**
     * Many ready orders collected at once: one pick-up per order, each its own command (order-service applies
     * each one only to an order that is ready). All are sent before the answer; a bad id refuses the whole request
     * before anything is sent. Nothing chosen is nothing to do: back to the board.
     */
    @POST
    @Path("/board/orders/pick-up")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> pickUpMany(@RestForm("id") List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/board")).build());
        }
        if (ids.size() > maxBulk) {
            throw Refusal.badRequest("id", "at most " + maxBulk + " orders at once, not " + ids.size());
        }
        LinkedHashSet<UUID> orders = new LinkedHashSet<>();
        for (String id : ids) {
            orders.add(orderId(id));
        }
        String staff = identity.getPrincipal().getName();
        List<Uni<Void>> sends = new ArrayList<>();
        for (UUID id : orders) {
            sends.add(commands.send(id, OrderCommand.Action.PICK_UP, staff));
        }
        return Uni.join().all(sends).andFailFast().replaceWith(Response.seeOther(URI.create("/board")).build());
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            String shown = id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
            throw Refusal.badRequest("id", "'" + shown + "' is not an order id");
        }
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

    /** One column of the board; {@code testId} names it in lower case, as pages and tests always have. */
    public record Column(OrderStatus status, String title) {

        public String testId() {
            return status.name().toLowerCase(Locale.ROOT);
        }

        /** Ready orders can be selected and collected together. */
        public boolean ready() {
            return status == OrderStatus.READY;
        }
    }
}
