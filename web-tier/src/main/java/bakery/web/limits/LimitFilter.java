package bakery.web.limits;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import bakery.web.session.CurrentSession;
import bakery.web.session.Session;

/**
 * Counts requests to {@link Limited} methods per session and per address before anything else is
 * done for them (even before the body is read), so a flood costs the bakery one Redis round trip
 * per request and the 429 comes at once.
 */
// Made on first use: the REST layer sets its filters up at static init, when no config mapping can be injected yet.
@ApplicationScoped
public class LimitFilter {

    @Inject
    RateLimits limits;
    @Inject
    AbuseLimits config;
    @Inject
    CurrentSession session;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION - 100)
    public Uni<Response> check(ResourceInfo resource, HttpServerRequest request) {
        Limited limited = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Limited.class);
        if (limited == null) {
            return Uni.createFrom().nullItem();
        }
        Limited.Action action = limited.value();
        List<Allowance> allowances = allowances(action, session.existing().orElse(null), ClientAddress.of(request));
        return limits.take(allowances).map(wait -> wait.map(w -> TooManyRequests.response(w, null,
                "too many " + action.inWords + " in a short time; try again in " + w.inWords())).orElse(null));
    }

    List<Allowance> allowances(Limited.Action action, Session customer, String address) {
        AbuseLimits.Limit limit = switch (action) {
            case CART_WRITE -> config.cartWrites();
            case CHECKOUT -> config.checkouts();
        };
        List<Allowance> allowances = new ArrayList<>(2);
        String prefix = "limit:" + action.key + ":";
        if (customer != null) {
            limit.perSession().ifPresent(n -> allowances.add(new Allowance(prefix + "session:" + customer.storageKey(), n,
                    limit.period(), 1)));
        }
        limit.perAddress().ifPresent(n -> allowances.add(new Allowance(prefix + "address:" + address, n, limit.period(), 1)));
        return allowances;
    }
}
