package bakery.web.checkout;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestResponse;

import bakery.web.limits.Limited;
import bakery.web.session.CurrentSession;

/** Checkout as JSON: 202 once Kafka has the order. */
@PermitAll
@Path("/api/checkout")
public class CheckoutResource {

    /** Keys are the client's; they name a Redis key, so only a safe alphabet and a bounded length. */
    static final String KEY_SHAPE = "[A-Za-z0-9_.:-]{8,100}";

    @Inject
    Checkout checkout;
    @Inject
    CurrentSession session;

    @POST
    @Limited(Limited.Action.CHECKOUT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Receipt>> checkout(
            @HeaderParam("Idempotency-Key") @NotBlank @Pattern(regexp = KEY_SHAPE, message = "send an Idempotency-Key header of 8 to 100 letters, digits or _.:-") String idempotencyKey,
            @Valid @NotNull CheckoutRequest request) {
        return checkout.place(session.existing(), idempotencyKey, request)
                .map(receipt -> RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, receipt)
                        .location(URI.create(receipt.orderPage()))
                        .build());
    }
}
