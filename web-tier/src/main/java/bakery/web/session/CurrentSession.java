package bakery.web.session;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import bakery.web.security.CsrfToken;

/**
 * The session of the request being served. {@link SessionFilter} resumes the one the cookie names;
 * a visitor without one gets none until the first request that writes something for them (a cart
 * line): browsing costs Redis nothing and hands out no session cookie.
 */
@RequestScoped
public class CurrentSession {

    @Inject
    SessionStore store;
    @Inject
    CsrfToken csrf;
    private Session session;

    void set(Session session) {
        this.session = session;
    }

    /** The visitor's session, if they have one. */
    public Optional<Session> existing() {
        return Optional.ofNullable(session);
    }

    /**
     * The session to write to, opened now if the visitor has none. It keeps the form token the
     * visitor's pages already carry, so a form rendered before still posts.
     */
    public Uni<Session> openIfMissing() {
        if (session != null) {
            return Uni.createFrom().item(session);
        }
        return store.open(csrf.browserToken()).invoke(this::set);
    }

    /** The session, which a filter or an earlier step made sure exists. */
    public Session get() {
        if (session == null) {
            throw new IllegalStateException("no session for this request");
        }
        return session;
    }
}
