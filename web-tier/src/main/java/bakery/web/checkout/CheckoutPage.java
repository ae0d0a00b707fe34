package bakery.web.checkout;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;

import bakery.web.Refusal;
import bakery.web.cart.CartService;
import bakery.web.cart.PricedCart;
import bakery.web.catalog.CatalogCopy;
import bakery.web.limits.Limited;
import bakery.web.session.CurrentSession;
import bakery.web.session.SessionId;

/**
 * The checkout form. Each rendering carries a fresh idempotency key, so a double-clicked or
 * resubmitted form places one order, and the pickup slots the ovens can meet for the cart, the
 * earliest chosen. Slots are shown and sent in the bakery's own time zone.
 */
@PermitAll
@Path("/checkout")
@Produces(MediaType.TEXT_HTML)
public class CheckoutPage {

    private static final int FORM_KEY_BYTES = 18;
    private static final DateTimeFormatter SLOT_LABEL = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Checkout checkout;
    private final CartService carts;
    private final CurrentSession session;
    private final Template checkoutTemplate;
    private final Validator validator;
    private final ZoneId zone;
    private final CatalogCopy catalog;
    private final PickupSlots slots;

    public CheckoutPage(Checkout checkout, CartService carts, CurrentSession session,
            @io.quarkus.qute.Location("checkout") Template checkoutTemplate,
            Validator validator, @ConfigProperty(name = "bakery.web.zone") ZoneId zone, CatalogCopy catalog,
            PickupSlots slots) {
        this.catalog = catalog;
        this.slots = slots;
        this.checkout = checkout;
        this.carts = carts;
        this.session = session;
        this.checkoutTemplate = checkoutTemplate;
        this.validator = validator;
        this.zone = zone;
    }

    @GET
    public Uni<TemplateInstance> form() {
        return render(new Form("", "", "", newKey()), Map.of(), null);
    }

    @POST
    @Limited(Limited.Action.CHECKOUT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> submit(@RestForm String name, @RestForm String email, @RestForm String pickupAt,
            @RestForm String idempotencyKey) {
        Form form = new Form(name, email, pickupAt, idempotencyKey);
        Map<String, String> errors = new TreeMap<>();
        Instant pickup = parse(pickupAt, errors);
        CheckoutRequest request = new CheckoutRequest(name, email, pickup);
        for (ConstraintViolation<CheckoutRequest> v : validator.validate(request)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        if (idempotencyKey == null || !idempotencyKey.matches(CheckoutResource.KEY_SHAPE)) {
            errors.put("form", "this form is incomplete; reload the page");
        }
        if (!errors.isEmpty()) {
            return page(Response.Status.BAD_REQUEST.getStatusCode(), form, errors, null);
        }
        return checkout.place(session.existing(), idempotencyKey, request)
                .map(receipt -> Response.seeOther(URI.create(receipt.orderPage())).build())
                .onFailure(TooEarly.class).recoverWithUni(e -> page(Refusal.UNPROCESSABLE, form, Map.of(),
                        "The ovens cannot have your order ready by " + CLOCK.format(pickup.atZone(zone))
                                + " any more. The earliest pickup now is "
                                + CLOCK.format(((TooEarly) e).next().atZone(zone)) + ", chosen below."))
                .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    // the key belongs to another cart: this form may place the cart as it is now, under a new key
                    Form shown = status == Refusal.UNPROCESSABLE ? form.withKey(newKey()) : form;
                    return page(status, shown, Map.of(), e.getMessage());
                });
    }

    private static String newKey() {
        return SessionId.random(FORM_KEY_BYTES);
    }

    private Instant parse(String local, Map<String, String> errors) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put("pickupAt", "choose one of the pickup times offered");
            return null;
        }
    }

    private Uni<Response> page(int status, Form form, Map<String, String> errors, String problem) {
        return render(form, errors, problem).map(t -> Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(t).build());
    }

    private Uni<TemplateInstance> render(Form form, Map<String, String> errors, String problem) {
        return carts.view(session.existing()).chain(cart -> offered(cart, form).map(offer -> checkoutTemplate
                .data("cart", cart)
                .data("form", form)
                .data("slots", offer)
                .data("errors", errors)
                .data("problem", problem)));
    }

    /** The slots for this cart; the one the customer chose stays chosen while it is still offered, else the earliest. */
    private Uni<List<Slot>> offered(PricedCart cart, Form form) {
        Map<String, Integer> quantities = new TreeMap<>();
        cart.lines().forEach(line -> quantities.put(line.sku(), line.quantity()));
        return catalog.bySku().chain(products -> slots.offer(quantities, products)).map(times -> {
            List<String> values = times.stream().map(this::formValue).toList();
            int chosen = Math.max(0, values.indexOf(form.pickupAt()));
            return IntStream.range(0, times.size())
                    .mapToObj(i -> new Slot(values.get(i), SLOT_LABEL.format(times.get(i).atZone(zone)), i == chosen))
                    .toList();
        });
    }

    private String formValue(Instant slot) {
        return slot.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** One pickup time as the form offers it: the value sent back, the label read, and whether it is chosen. */
    public record Slot(String value, String label, boolean chosen) {
    }

    /** What the customer typed, shown again when something needs fixing. */
    public record Form(String name, String email, String pickupAt, String idempotencyKey) {

        Form withKey(String key) {
            return new Form(name, email, pickupAt, key);
        }
    }
}
