package bakery.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import bakery.defaults.ErrorBody;
import bakery.defaults.RouteErrors;

/**
 * Staff sign-ins and staff sessions live in Redis. When Redis does not answer, a sign-in or a staff
 * request is answered 503 with Retry-After, as every other request that needs Redis is, rather than
 * failing inside authentication (a 500) or being taken for a wrong password or a signed-out cookie:
 * nobody is signed out by an outage.
 */
final class SignInUnavailable {

    private static final Logger LOG = Logger.getLogger(SignInUnavailable.class);
    private static final String RETRY_AFTER_SECONDS = "2";

    private SignInUnavailable() {
    }

    /** Answers 503 (if nothing was answered yet) and hands authentication a failure it ends quietly on. */
    static AuthenticationFailedException answer(RoutingContext http, Throwable failure) {
        LOG.warnf("staff sign-in cannot be checked: %s", failure.toString());
        if (http != null && !http.response().ended() && !http.response().headWritten()) {
            http.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            RouteErrors.send(http.response(), ErrorBody.of("unavailable",
                    "the bakery cannot check staff sign-ins just now; try again in a moment").at(503));
        }
        return new AuthenticationFailedException("staff sign-ins cannot be checked", failure);
    }
}
