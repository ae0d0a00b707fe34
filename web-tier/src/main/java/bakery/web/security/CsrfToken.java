package bakery.web.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import bakery.web.session.CurrentSession;
import bakery.web.session.Session;
import bakery.web.session.SessionFilter;
import bakery.web.session.SessionId;

/**
 * The form token of this visitor. Before they have a session it lives only in their browser: a
 * random cookie of its own, handed out with the first page that has a form and echoed by every form
 * (double-submit: a page on another site can make the browser send the cookie, but cannot read it
 * to put it in the form). The session opened by their first write keeps that same token, and from
 * then on the session's copy is what forms must match. No Redis key is made for a visitor who only
 * browses.
 */
@RequestScoped
public class CsrfToken {

    private static final int TOKEN_BYTES = 32;

    private final CurrentVertxRequest http;
    private final CurrentSession session;
    private final String cookieName;
    private String issued;

    public CsrfToken(CurrentVertxRequest http, CurrentSession session,
            @ConfigProperty(name = "bakery.web.csrf.cookie-name") String cookieName) {
        this.http = http;
        this.session = session;
        this.cookieName = cookieName;
    }

    /** What forms on this page carry: the session's token, else the browser's (handed out now if it has none). */
    public String value() {
        return session.existing().map(Session::csrfToken).orElseGet(this::browserToken);
    }

    /** What a form posted to this request must carry, or empty when the visitor has no token at all. */
    public Optional<String> expected() {
        return session.existing().map(Session::csrfToken).or(this::presented);
    }

    /** The browser's own token: its cookie, or a new one set on this response. */
    public String browserToken() {
        return presented().orElseGet(() -> {
            if (issued == null) {
                issued = SessionId.random(TOKEN_BYTES);
                RoutingContext context = http.getCurrent();
                context.response().addCookie(Cookie.cookie(cookieName, issued)
                        .setPath("/")
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.LAX)
                        .setSecure(SessionFilter.overTls(context.request())));
            }
            return issued;
        });
    }

    private Optional<String> presented() {
        if (issued != null) {
            return Optional.of(issued);
        }
        Cookie cookie = http.getCurrent().request().getCookie(cookieName);
        return cookie != null && SessionId.wellFormed(cookie.getValue()) ? Optional.of(cookie.getValue()) : Optional.empty();
    }
}
