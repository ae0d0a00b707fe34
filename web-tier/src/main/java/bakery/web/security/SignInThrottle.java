package bakery.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import bakery.defaults.ErrorBody;
import bakery.defaults.RouteErrors;
import bakery.web.limits.AbuseLimits;
import bakery.web.limits.Allowance;
import bakery.web.limits.RateLimits;
import bakery.web.limits.RetryAfter;
import bakery.web.limits.TooManyRequests;
import bakery.web.session.SessionId;

/**
 * Bounds password guessing, across every web node (Redis): failed sign-ins per account (one
 * password guessed from many addresses) and per address (many accounts tried from one), and
 * sign-in attempts per address. Once a limit is reached the attempt is answered 429 with
 * Retry-After before any password is checked. Known and unknown user names count alike, so the
 * answers tell nothing about which names exist.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);
    private static final int LOGGED_NAME_CHARS = 64;

    @Inject
    RateLimits limits;
    @Inject
    AbuseLimits config;
    @Inject
    Template signin;

    /** Takes one attempt of the address's allowance if no failure limit is reached; else how long to wait. */
    public Uni<Optional<RetryAfter>> admit(String user, String address) {
        List<Allowance> allowances = new ArrayList<>(failures(user, address).stream().map(Allowance::lookOnly).toList());
        AbuseLimits.Limit attempts = config.signIns();
        attempts.perAddress().ifPresent(n -> allowances.add(new Allowance("limit:sign-ins:address:" + address, n,
                attempts.period(), 1)));
        return limits.take(allowances).invoke(wait -> wait.ifPresent(w -> LOG.warnf(
                "sign-in refused for user \"%s\" from %s: too many attempts, retry after %d s", printable(user), address,
                w.seconds())));
    }

    /** A wrong password or an unknown user: it counts against the account and the address. */
    public Uni<Void> failed(String user, String address) {
        LOG.warnf("sign-in failed for user \"%s\" from %s", printable(user), address);
        return limits.charge(failures(user, address));
    }

    /**
     * Answers the sign-in itself (Quarkus' form authentication would otherwise redirect to the error
     * page): 429 with Retry-After, the sign-in page saying when to try again for a browser, the JSON
     * error body for a script.
     */
    public void refuse(RoutingContext http, RetryAfter wait) {
        String detail = "too many sign-in attempts; try again in " + wait.inWords();
        HttpServerResponse response = http.response()
                .setStatusCode(TooManyRequests.STATUS)
                .putHeader("Retry-After", Long.toString(wait.seconds()))
                .putHeader("Cache-Control", "no-store");
        String accept = http.request().getHeader("Accept");
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            response.putHeader("Content-Type", MediaType.TEXT_HTML + ";charset=UTF-8")
                    .end(signin.data("error", false).data("throttled", wait.inWords()).render());
        } else {
            RouteErrors.send(response, new ErrorBody(TooManyRequests.ERROR, "j_username", detail).at(TooManyRequests.STATUS));
        }
    }

    private List<Allowance> failures(String user, String address) {
        AbuseLimits.Limit failures = config.signInFailures();
        List<Allowance> allowances = new ArrayList<>(2);
        failures.perAccount().ifPresent(n -> allowances.add(new Allowance("limit:sign-in-failures:account:" + account(user), n,
                failures.period(), 1)));
        failures.perAddress().ifPresent(n -> allowances.add(new Allowance("limit:sign-in-failures:address:" + address, n,
                failures.period(), 1)));
        return allowances;
    }

    /** User names are whatever a stranger typed: Redis keys get a fixed-length hash. */
    private static String account(String user) {
        return SessionId.storageKey(String.valueOf(user).toLowerCase(Locale.ROOT));
    }

    /** A stranger's text in a log line: no control characters (no forged lines), bounded length. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > LOGGED_NAME_CHARS ? clean.substring(0, LOGGED_NAME_CHARS) + "..." : clean;
    }
}
