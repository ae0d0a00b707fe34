package bakery.web.ops;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import bakery.web.limits.CurrentStreamSlot;
import bakery.web.limits.LimitedStream;
import bakery.web.orders.LiveStream;

/**
 * The ops console (role ops, checked here and by path): rendered with the current
 * snapshot, then kept fresh by {@code /ops/events}, which pushes the same snapshot as JSON.
 */
@RolesAllowed("ops")
@Path("/ops")
public class OpsPage {

    static final String SNAPSHOT_EVENT = "snapshot";

    @Inject
    Template ops;
    @Inject
    OpsConsole console;
    @Inject
    OpsConfig config;
    @Inject
    LiveStream live;
    @Inject
    CurrentStreamSlot slot;
    @Inject
    CapacityOutlook capacity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        // The policy's month and next change are counted minute by minute: off the event loop.
        Uni<CapacityOutlook.View> outlook = Uni.createFrom().item(() -> capacity.at(Instant.now()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Uni.combine().all().unis(console.snapshot(), outlook).asTuple()
                .map(both -> ops.data("snapshot", both.getItem1()).data("capacity", both.getItem2()));
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LimitedStream
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        // One snapshot at once, then one per period; a slow browser skips snapshots rather than queueing stale ones.
        Multi<Long> ticks = Multi.createFrom().ticks().every(config.pushEvery()).onOverflow().drop();
        Multi<OutboundSseEvent> snapshots = Multi.createBy().concatenating().streams(Multi.createFrom().item(0L), ticks)
                .onItem().transformToUniAndConcatenate(tick -> console.snapshot())
                .map(snapshot -> sse.newEventBuilder()
                        .name(SNAPSHOT_EVENT)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(OpsSnapshot.class, snapshot)
                        .build());
        // Like every live stream, it ends when the node starts leaving, so the console reconnects elsewhere.
        return live.withHeartbeats(sse, snapshots, slot.get());
    }
}
