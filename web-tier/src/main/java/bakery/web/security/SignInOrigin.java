package bakery.web.security;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import bakery.defaults.ErrorBody;
import bakery.defaults.RouteErrors;

/**
 * CSRF protection for the one form {@link CsrfFilter} never sees: the staff sign-in, which Quarkus'
 * form authentication answers itself at {@code POST /j_security_check}. Browsers name the page a
 * POST comes from in {@code Origin} (else {@code Referer}); a sign-in posted from another site's
 * page is refused before authentication runs, so nobody can sign a staff browser into an account
 * of their choosing. Requests without either header (curl, scripts) are not from a browser page and
 * pass.
 */
@ApplicationScoped
public class SignInOrigin {

    static final String SIGN_IN_PATH = "/j_security_check";

    /** Higher runs first: before CORS and authentication. */
    static final int BEFORE_AUTHENTICATION = SecurityHandlerPriorities.CORS + 100;

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_AUTHENTICATION);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() == HttpMethod.POST && SIGN_IN_PATH.equals(request.path()) && !fromOurPage(request)) {
            RouteErrors.send(context.response(),
                    new ErrorBody("forbidden", null, "sign in from the bakery's own sign-in page").at(403));
            return;
        }
        context.next();
    }

    static boolean fromOurPage(HttpServerRequest request) {
        String source = request.getHeader("Origin");
        if (source == null || source.isBlank() || "null".equals(source)) {
            source = request.getHeader("Referer");
        }
        if (source == null || source.isBlank()) {
            return request.getHeader("Origin") == null;
        }
        // behind a trusted balancer Quarkus has already put X-Forwarded-Host here (quarkus.http.proxy.*)
        String host = request.authority() == null ? null : request.authority().host();
        return host != null && host.equalsIgnoreCase(hostOf(source));
    }

    /** The host of an origin or URL; ports are left out, since a balancer may rewrite them. */
    private static String hostOf(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
