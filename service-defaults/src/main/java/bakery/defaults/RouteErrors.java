package bakery.defaults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.jboss.logging.Logger;

/**
 * The problem-details body for what the HTTP layer answers before or instead of a resource: no
 * route for the path (404), a body over the limit (413), a refused role (403), anything that fails
 * outside the JAX-RS mappers (500). Quarkus' own pages and bodies for these would show a framework
 * page or an error id with a stack; these say what happened in the bakery's one error shape.
 * Authentication challenges (a redirect to the sign-in page) stay Quarkus' to answer.
 */
@ApplicationScoped
public class RouteErrors {

    private static final Logger LOG = Logger.getLogger(RouteErrors.class);

    /** Ahead of Quarkus' own failure handler, which would answer with its error page. */
    private static final int BEFORE_QUARKUS = Integer.MIN_VALUE + 1;

    private static final String AUTHORIZATION_FAILURE = "io.quarkus.security.ForbiddenException";
    private static final String SECURITY_PACKAGES = "io.quarkus.security.";
    private static final String HTTP_SECURITY_PACKAGE = "io.quarkus.vertx.http.runtime.security.";

    void install(@Observes Router router) {
        router.route().order(BEFORE_QUARKUS).failureHandler(this::failed);
        router.errorHandler(404, context -> send(context.response(), ErrorBody.of(404, "there is nothing at this address")));
    }

    void failed(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended()) {
            return;
        }
        if (context.response().headWritten() || failure != null && isChallenge(failure)) {
            // A stream under way cannot turn into an error body, and sign-in challenges and redirects
            // are Quarkus' form authentication's to answer.
            context.next();
            return;
        }
        int status = statusOf(context, failure);
        if (status >= 500) {
            LOG.error("request failed outside the resource mappers", failure);
        }
        send(context.response(), ErrorBody.of(status, detailOf(status)));
    }

    /** Ends the response with {@code problem} as its body and status. */
    public static void send(HttpServerResponse response, ErrorBody problem) {
        int status = problem.status() == 0 ? 500 : problem.status();
        response.setStatusCode(status)
                .putHeader("Content-Type", ErrorBody.MEDIA_TYPE)
                .end(problem.at(status).json());
    }

    private static boolean isChallenge(Throwable failure) {
        String type = failure.getClass().getName();
        return !type.equals(AUTHORIZATION_FAILURE)
                && (type.startsWith(SECURITY_PACKAGES) || type.startsWith(HTTP_SECURITY_PACKAGE));
    }

    private static int statusOf(RoutingContext context, Throwable failure) {
        if (failure == null) {
            return context.statusCode() > 0 ? context.statusCode() : 500;
        }
        if (failure instanceof HttpException http) {
            return http.getStatusCode();
        }
        if (failure.getClass().getName().equals(AUTHORIZATION_FAILURE)) {
            return 403;
        }
        return 500;
    }

    static String detailOf(int status) {
        return switch (status) {
            case 400 -> "the request could not be read";
            case 403 -> "this needs a role the signed-in user does not have";
            case 404 -> "there is nothing at this address";
            case 405 -> "this address does not take that method";
            case 413 -> "the request body is larger than the bakery accepts";
            case 414, 431 -> "the request line or its headers are too long";
            case 415 -> "the body has a type this address does not take";
            default -> status >= 500 ? "the bakery could not handle this request; try again" : "the request was refused";
        };
    }
}
