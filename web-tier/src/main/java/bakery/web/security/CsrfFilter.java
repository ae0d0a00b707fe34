package bakery.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import bakery.defaults.ErrorBody;
import bakery.defaults.ErrorMappers;

/**
 * CSRF protection for form posts ({@link CsrfToken}: the session's token, or before there is a
 * session the browser's double-submit cookie). Only POST needs it: a page on another site can make
 * a browser send a form POST, but not a PUT or DELETE, nor a POST with a JSON body, without a CORS
 * preflight we never grant. JSON requests are therefore protected by the SameSite=Lax session
 * cookie and their content type, which keeps the API usable from curl with just the cookie; every
 * other POST must carry the token in the form field or the header.
 */
public class CsrfFilter {

    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final CsrfToken csrf;

    public CsrfFilter(CsrfToken csrf) {
        this.csrf = csrf;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100, readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || isJson(request.getMediaType())) {
            return null;
        }
        String token = request.getHeaderString(HEADER);
        if (token == null) {
            token = formToken(request);
        }
        String expected = csrf.expected().orElse(null);
        if (token != null && expected != null && matches(token, expected)) {
            return null;
        }
        return ErrorMappers.json(Response.Status.FORBIDDEN, new ErrorBody("forbidden", FIELD,
                "this form has expired or did not come from the bakery's pages; reload the page and try again"));
    }

    private static boolean isJson(MediaType type) {
        return type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String formToken(ResteasyReactiveContainerRequestContext request) {
        var context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
        Object value = context.getFormParameter(FIELD, true, false);
        return value == null ? null : value.toString();
    }

    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
