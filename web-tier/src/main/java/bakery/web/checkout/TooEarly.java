package bakery.web.checkout;

import java.time.Instant;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import bakery.contracts.serde.EventJson;
import bakery.defaults.ErrorBody;
import bakery.web.Refusal;

/**
 * 422: the pickup time chosen is sooner than the ovens can now meet (the queue grew since the form was shown). The
 * problem names the earliest slot in its detail and, for programs, in the extension member {@code nextPickupAt}.
 */
public class TooEarly extends WebApplicationException {

    private final transient Instant next;

    public TooEarly(Instant next) {
        super(detail(next), response(next));
        this.next = next;
    }

    public Instant next() {
        return next;
    }

    private static String detail(Instant next) {
        return "the ovens cannot have this order ready by then; the earliest pickup now is " + next
                + ": choose that time or a later one";
    }

    private static Response response(Instant next) {
        ErrorBody body = new ErrorBody("pickup too early", "pickupAt", detail(next)).at(Refusal.UNPROCESSABLE);
        ObjectNode problem = EventJson.MAPPER.valueToTree(body);
        problem.put("nextPickupAt", next.toString());
        return Response.status(Refusal.UNPROCESSABLE).type(ErrorBody.MEDIA_TYPE).entity(problem.toString()).build();
    }
}
