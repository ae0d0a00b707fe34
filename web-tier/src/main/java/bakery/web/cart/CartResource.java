package bakery.web.cart;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import bakery.web.limits.Limited;
import bakery.web.session.CurrentSession;

/** The session's cart as JSON. */
@PermitAll
@Path("/api/cart")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    @Inject
    CartService carts;
    @Inject
    CurrentSession session;

    @GET
    public Uni<PricedCart> cart() {
        return carts.view(session.existing());
    }

    @POST
    @Path("/items")
    @Limited(Limited.Action.CART_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PricedCart> add(@Valid @NotNull AddItem item) {
        return carts.add(session, item.sku(), item.quantity());
    }

    @PUT
    @Path("/items/{sku}")
    @Limited(Limited.Action.CART_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PricedCart> change(@PathParam("sku") String sku, @Valid @NotNull ChangeQuantity change) {
        return carts.change(session, sku, change.quantity());
    }

    @DELETE
    @Path("/items/{sku}")
    @Limited(Limited.Action.CART_WRITE)
    public Uni<PricedCart> remove(@PathParam("sku") String sku) {
        return carts.remove(session.existing(), sku);
    }
}
