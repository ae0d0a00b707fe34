package bakery.web.limits;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import bakery.web.security.StaffRealm;
import bakery.web.security.StaffSessions;
import bakery.web.session.CurrentSession;
import bakery.web.session.Session;

/**
 * Takes a place for a {@link LimitedStream} before the stream opens (once it is open it can no
 * longer become a 429), after ownership and roles were checked (strangers take no place). The
 * place is given back when the response ends, however it ends. Whose place it is: the staff
 * sign-in for the board and the ops console, the customer session for an order page.
 */
public class StreamLimitFilter {

    private final StreamSlots slots;
    private final CurrentStreamSlot current;
    private final CurrentSession session;
    private final SecurityIdentity identity;

    public StreamLimitFilter(StreamSlots slots, CurrentStreamSlot current, CurrentSession session, SecurityIdentity identity) {
        this.slots = slots;
        this.current = current;
        this.session = session;
        this.identity = identity;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 300)
    public Uni<Response> check(ResourceInfo resource, RoutingContext http) {
        if (resource == null || resource.getResourceMethod() == null
                || !resource.getResourceMethod().isAnnotationPresent(LimitedStream.class)) {
            return Uni.createFrom().nullItem();
        }
        return slots.take(owner(http)).map(taken -> {
            if (taken.isEmpty()) {
                return TooManyRequests.response(slots.retryAfter(), null,
                        "too many live pages open at once; close one, or try again in " + slots.retryAfter().inWords());
            }
            StreamSlots.Slot slot = taken.get();
            current.set(slot);
            http.addEndHandler(ended -> slot.release());
            return null;
        });
    }

    private String owner(RoutingContext http) {
        StaffSessions.SignIn signIn = identity.isAnonymous() ? null : identity.getAttribute(StaffRealm.SIGN_IN);
        if (signIn != null) {
            return StaffSessions.key(signIn.id());
        }
        return session.existing().map(Session::sessionKey).orElseGet(() -> "address:" + ClientAddress.of(http.request()));
    }
}
