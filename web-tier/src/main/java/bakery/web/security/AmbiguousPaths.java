package bakery.web.security;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;

import bakery.defaults.ErrorBody;
import bakery.defaults.RouteErrors;

/**
 * Refuses, before authentication and routing, every path that two readers could read as two
 * different addresses: matrix parameters ({@code /board;x}), encoded slashes and backslashes
 * ({@code %2F}, {@code %5C}), dot segments plain or encoded ({@code /./}, {@code /../},
 * {@code %2e}), empty segments ({@code //}), encoded NUL and encoded percent signs. Path permissions
 * match the raw path while the router decodes and normalises it, so such a path could pass the
 * first as one address and reach the second as another. None of the bakery's addresses needs any of
 * these, so the answer is a plain 400 whatever the path.
 */
@ApplicationScoped
public class AmbiguousPaths {

    /** Higher runs first: before {@link SignInOrigin}, CORS and authentication. */
    static final int BEFORE_EVERYTHING = SecurityHandlerPriorities.CORS + 200;

    /**
     * The path the HTTP metrics name a refused request by (Quarkus' Micrometer binder reads it from
     * {@code UrlPathTemplate}): one series for all of them, not one per path a stranger makes up.
     */
    static final String METRICS_PATH = "/(ambiguous path)";
    private static final String METRICS_TEMPLATE_KEY = "UrlPathTemplate";

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_EVERYTHING);
    }

    void check(RoutingContext context) {
        Optional<String> reason = reasonToRefuse(context.request().path());
        if (reason.isPresent()) {
            context.put(METRICS_TEMPLATE_KEY, METRICS_PATH);
            RouteErrors.send(context.response(), new ErrorBody("ambiguous path", "path", reason.get()).at(400));
            return;
        }
        context.next();
    }

    /** Why the raw (undecoded) path is refused, or empty when it names one address only. */
    static Optional<String> reasonToRefuse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the address must be an absolute path");
        }
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.indexOf(';') >= 0) {
            return Optional.of("the address carries matrix parameters (';'); the bakery uses none");
        }
        if (path.contains("%2f") || path.contains("%5c") || path.indexOf('\\') >= 0) {
            return Optional.of("the address carries an encoded slash or a backslash");
        }
        if (path.contains("%2e")) {
            return Optional.of("the address carries an encoded dot");
        }
        if (path.contains("%00") || path.contains("%25")) {
            return Optional.of("the address carries an encoded NUL or percent sign");
        }
        if (path.contains("//")) {
            return Optional.of("the address has an empty segment ('//')");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("the address has a '.' or '..' segment");
            }
        }
        return Optional.empty();
    }
}
