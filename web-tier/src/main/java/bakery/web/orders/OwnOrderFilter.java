package bakery.web.orders;

import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import bakery.defaults.ErrorBody;
import bakery.defaults.ErrorMappers;
import bakery.web.session.CurrentSession;

/**
 * Settles order ownership before a resource starts answering: a stream, once open, can no longer
 * turn into a 404, so a stranger must be turned away here.
 */
public class OwnOrderFilter {

    private final CustomerOrders orders;
    private final CurrentSession session;

    public OwnOrderFilter(CustomerOrders orders, CurrentSession session) {
        this.orders = orders;
        this.session = session;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 200)
    public Uni<Response> check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || !isOwnOrderMethod(resource)) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(request.getUriInfo().getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(notFound());
        }
        return orders.find(session.existing(), id).map(found -> found.isPresent() ? null : notFound());
    }

    private static boolean isOwnOrderMethod(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .isAnnotationPresent(OwnOrder.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Response notFound() {
        return ErrorMappers.json(Response.Status.NOT_FOUND, ErrorBody.of("not found", "no such order in this session"));
    }
}
