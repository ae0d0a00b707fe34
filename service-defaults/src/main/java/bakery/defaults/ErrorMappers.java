package bakery.defaults;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a JSON API to {@link ErrorBody}, so clients parse one shape everywhere. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** One body per request even when several fields are wrong: the first field names the error, {@code detail} lists all. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .toList();
        String detail = violations.stream()
                .map(v -> fieldOf(v) + ": " + v.getMessage())
                .collect(Collectors.joining("; "));
        String field = violations.isEmpty() ? null : fieldOf(violations.get(0));
        return json(Response.Status.BAD_REQUEST, new ErrorBody("invalid request", field, detail));
    }

    /** Takes over from Quarkus' own mapper for this type, which answers a bare 400 in prod. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        return json(Response.Status.BAD_REQUEST, new ErrorBody("malformed JSON", field, e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status.getReasonPhrase().toLowerCase(), e.getMessage()))
                .build();
    }

    /**
     * Anything else. A server the request needed (Redis, PostgreSQL, another service) refusing or
     * dropping the connection is an outage, not a bug: the client gets a clear 503 to retry, and the
     * node stays up for everything that does not need that server.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (BackingServiceDown.causes(e)) {
            LOG.warnf("a server this request needs is not answering: %s", BackingServiceDown.describe(e));
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "2")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of("unavailable",
                            "the bakery cannot reach one of its services just now; try again in a moment"))
                    .build();
        }
        LOG.error("unexpected failure", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR,
                ErrorBody.of("internal error", "the bakery could not handle this request; try again"));
    }

    public static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "checkout.request.email" -> "email": clients know their own fields, not our method names
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
