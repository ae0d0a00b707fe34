package bakery.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import bakery.defaults.ErrorBody;
import bakery.defaults.ErrorMappers;

/** A request the bakery turns down, with the one JSON error body every API answers with. */
public final class Refusal {

    /** Not in {@link Response.Status}. */
    public static final int UNPROCESSABLE = 422;

    private Refusal() {
    }

    public static WebApplicationException badRequest(String field, String detail) {
        return of(Response.Status.BAD_REQUEST, "invalid request", field, detail);
    }

    public static WebApplicationException notFound(String detail) {
        return of(Response.Status.NOT_FOUND, "not found", null, detail);
    }

    public static WebApplicationException of(Response.Status status, String error, String field, String detail) {
        return new WebApplicationException(detail, ErrorMappers.json(status, new ErrorBody(error, field, detail)));
    }

    /** 422: the request is well formed but contradicts what the bakery already did with it. */
    public static WebApplicationException unprocessable(String field, String detail) {
        return new WebApplicationException(detail, Response.status(UNPROCESSABLE).type(ErrorBody.MEDIA_TYPE)
                .entity(new ErrorBody("unprocessable request", field, detail).at(UNPROCESSABLE).json()).build());
    }
}
