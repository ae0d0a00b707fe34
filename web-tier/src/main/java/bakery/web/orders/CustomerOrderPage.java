package bakery.web.orders;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import bakery.web.session.CurrentSession;

/** The customer's order page: rendered with the current state, then kept live by SSE. */
@PermitAll
@Path("/orders/{id}")
public class CustomerOrderPage {

    @Inject
    CustomerOrders orders;
    @Inject
    CurrentSession session;
    @Inject
    Template order;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> show(@PathParam("id") UUID id) {
        return orders.current(session.existing(), id).map(view -> order.data("order", view));
    }
}
