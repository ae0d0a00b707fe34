package bakery.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Resumes the session the cookie names before a resource runs, and hands out the cookie of one a
 * resource opened. A request without a (live) session gets none here: only writing opens one.
 */
// Made on first use: the REST layer sets its filters up at static init, when no config mapping can be injected yet.
@ApplicationScoped
public class SessionFilter {

    @Inject
    SessionStore store;
    @Inject
    CurrentSession current;
    @Inject
    SessionConfig config;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Void> resolve(HttpServerRequest request) {
        Cookie cookie = request.getCookie(config.cookieName());
        if (cookie == null || !SessionId.wellFormed(cookie.getValue())) {
            return Uni.createFrom().voidItem();
        }
        return store.resume(cookie.getValue()).invoke(current::set).replaceWithVoid();
    }

    @ServerResponseFilter
    public void issue(ContainerResponseContext response, HttpServerRequest request) {
        current.existing().filter(Session::fresh).ifPresent(
                session -> response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie(session, overTls(request))));
    }

    private String cookie(Session session, boolean secure) {
        return Cookie.cookie(config.cookieName(), session.id())
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setSecure(secure)
                .encode();
    }

    /**
     * Behind the balancer TLS ends there. Quarkus takes the customer's scheme from
     * {@code X-Forwarded-Proto} only when a trusted proxy sent it ({@code quarkus.http.proxy.*}).
     */
    public static boolean overTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }
}
