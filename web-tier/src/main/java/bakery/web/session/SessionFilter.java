package bakery.web.session;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every request a session before a resource runs, and hands out the cookie of a new one. */
public class SessionFilter {

    private final SessionStore store;
    private final CurrentSession current;
    private final SessionConfig config;

    public SessionFilter(SessionStore store, CurrentSession current, SessionConfig config) {
        this.store = store;
        this.current = current;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Void> resolve(HttpServerRequest request) {
        Cookie cookie = request.getCookie(config.cookieName());
        return store.resumeOrOpen(cookie == null ? null : cookie.getValue())
                .invoke(current::set)
                .replaceWithVoid();
    }

    @ServerResponseFilter
    public void issue(ContainerResponseContext response, HttpServerRequest request) {
        if (current.isResolved() && current.get().fresh()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie(current.get(), overTls(request)));
        }
    }

    private String cookie(Session session, boolean secure) {
        return Cookie.cookie(config.cookieName(), session.id())
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setSecure(secure)
                .encode();
    }

    /** Behind the balancer TLS ends there; it tells us the customer's scheme. */
    private static boolean overTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
