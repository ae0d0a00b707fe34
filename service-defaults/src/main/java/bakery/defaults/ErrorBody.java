package bakery.defaults;

import java.util.Locale;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one error body of every bakery service: RFC 9457 problem details, sent as
 * {@code application/problem+json}. {@code type} names the kind of problem (a {@code tag:} URI, the
 * same for every answer of that kind), {@code title} says it in words, {@code status} repeats the
 * HTTP status, {@code detail} is a sentence a person can act on, and the extension member
 * {@code field} names the input at fault when one is. Nothing in it names a Java class or carries a
 * stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are names, not pages: RFC 9457 asks clients not to fetch them, so a tag URI (RFC 4151) fits. */
    static final String TYPE_PREFIX = "tag:fadu.bakery,2026:problem:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A problem whose HTTP status is filled in where it is answered ({@link ErrorMappers#json},
     * {@link RouteErrors#send}): {@code title} is its kind, e.g. "invalid request".
     */
    public ErrorBody(String title, String field, String detail) {
        this(typeOf(title), title, 0, detail, field);
    }

    public static ErrorBody of(String title, String detail) {
        return new ErrorBody(title, null, detail);
    }

    /** A problem the HTTP status says all about: "not found", "method not allowed", ... */
    public static ErrorBody of(int status, String detail) {
        return new ErrorBody(reasonOf(status), null, detail).at(status);
    }

    /** The same problem, answered with {@code httpStatus}. */
    public ErrorBody at(int httpStatus) {
        return new ErrorBody(type, title, httpStatus, detail, field);
    }

    @JsonIgnore
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of plain strings always serialises", e);
        }
    }

    static String typeOf(String title) {
        return TYPE_PREFIX + title.toLowerCase(Locale.ROOT).trim().replaceAll("[^a-z0-9]+", "-");
    }

    static String reasonOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known != null ? known.getReasonPhrase() : status >= 500 ? "server error" : "request refused";
        return reason.toLowerCase(Locale.ROOT);
    }
}
