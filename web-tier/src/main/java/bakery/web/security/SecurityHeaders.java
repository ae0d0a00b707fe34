package bakery.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Strict-Transport-Security on answers to requests that came over https: on the node itself, or
 * through the balancer when Quarkus trusts its forwarded scheme (then {@code scheme()} is the
 * customer's). Over plain http the header would be ignored at best, so it is left out. The other
 * security headers are the same on every answer and set in application.properties.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String HSTS = "Strict-Transport-Security";

    /** With the static headers Quarkus adds, before anything answers. */
    static final int EARLY = AmbiguousPaths.BEFORE_EVERYTHING + 10;

    private final String hsts;

    public SecurityHeaders(@ConfigProperty(name = "bakery.web.security.hsts") String hsts) {
        this.hsts = hsts;
    }

    void register(@Observes Filters filters) {
        filters.register(this::add, EARLY);
    }

    void add(RoutingContext context) {
        if (overHttps(context.request())) {
            context.response().putHeader(HSTS, hsts);
        }
        context.next();
    }

    static boolean overHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
