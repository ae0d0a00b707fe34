package bakery.web.cart;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestForm;

import bakery.web.limits.Limited;
import bakery.web.session.CurrentSession;

/** The cart page and its forms; every change goes back to the page (post/redirect/get). */
@PermitAll
@Path("/cart")
@Produces(MediaType.TEXT_HTML)
public class CartPage {

    @Inject
    CartService carts;
    @Inject
    CurrentSession session;
    @Inject
    Template cart;
    @Inject
    Validator validator;

    @GET
    public Uni<TemplateInstance> show() {
        return carts.view(session.existing()).map(c -> cart.data("cart", c).data("error", null));
    }

    @POST
    @Path("/items")
    @Limited(Limited.Action.CART_WRITE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> add(@RestForm String sku, @RestForm int quantity) {
        return apply(new AddItem(sku, quantity), () -> carts.add(session, sku, quantity));
    }

    @POST
    @Path("/items/{sku}")
    @Limited(Limited.Action.CART_WRITE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> change(@PathParam("sku") String sku, @RestForm int quantity) {
        return apply(new ChangeQuantity(quantity), () -> carts.change(session, sku, quantity));
    }

    @POST
    @Path("/items/{sku}/remove")
    @Limited(Limited.Action.CART_WRITE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> remove(@PathParam("sku") String sku) {
        return apply(null, () -> carts.remove(session.existing(), sku));
    }

    private Uni<Response> apply(Object form, java.util.function.Supplier<Uni<PricedCart>> change) {
        Set<? extends ConstraintViolation<?>> violations = form == null ? Set.of() : validator.validate(form);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            return rejected(message);
        }
        return change.get()
                .map(c -> Response.seeOther(URI.create("/cart")).build())
                .onFailure(WebApplicationException.class).recoverWithUni(e -> rejected(e.getMessage()));
    }

    private Uni<Response> rejected(String message) {
        return carts.view(session.existing()).map(c -> Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(cart.data("cart", c).data("error", message))
                .build());
    }
}
