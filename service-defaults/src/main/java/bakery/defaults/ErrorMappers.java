package bakery.defaults;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure of a JSON API to {@link ErrorBody} problem details, so clients parse one shape
 * everywhere. No detail repeats a framework message: those name Java types.
 */
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

    /** Jackson's own messages name the Java type it wanted; the client learns the field and the place instead. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        String detail = field != null
                ? field + " has the wrong type or shape"
                : e instanceof MismatchedInputException
                        ? "the body is JSON of the wrong shape: send one object with the documented fields"
                        : "the body is not well-formed JSON" + where(e.getLocation());
        return json(Response.Status.BAD_REQUEST, new ErrorBody("malformed JSON", field, detail));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // Quarkus wraps a body Jackson could not parse in a bare 400.
            return unreadable(unreadable);
        }
        int status = original.getStatus();
        return Response.fromResponse(original)
                .type(ErrorBody.MEDIA_TYPE)
                .entity(ErrorBody.of(status, RouteErrors.detailOf(status)).json())
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
            return Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE, ErrorBody.of("unavailable",
                    "the bakery cannot reach one of its services just now; try again in a moment")))
                    .header("Retry-After", "2")
                    .build();
        }
        LOG.error("unexpected failure", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR,
                ErrorBody.of("internal error", "the bakery could not handle this request; try again"));
    }

    /** The response for {@code problem}, answered with {@code status}. */
    public static Response json(Response.StatusType status, ErrorBody problem) {
        return Response.status(status)
                .type(ErrorBody.MEDIA_TYPE)
                .entity(problem.at(status.getStatusCode()).json())
                .build();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "checkout.request.email" -> "email": clients know their own fields, not our method names
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
