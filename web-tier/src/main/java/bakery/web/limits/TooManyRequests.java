package bakery.web.limits;

import jakarta.ws.rs.core.Response;

import bakery.defaults.ErrorBody;

/** The one answer to a client over a limit: 429, how long to wait, and a sentence a person can act on. */
public final class TooManyRequests {

    public static final int STATUS = 429;
    public static final String ERROR = "too many requests";

    private TooManyRequests() {
    }

    public static Response response(RetryAfter wait, String field, String detail) {
        return Response.status(STATUS)
                .header("Retry-After", Long.toString(wait.seconds()))
                .header("Cache-Control", "no-store")
                .type(ErrorBody.MEDIA_TYPE)
                .entity(new ErrorBody(ERROR, field, detail).at(STATUS).json())
                .build();
    }
}
