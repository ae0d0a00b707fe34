package bakery.web.session;

import jakarta.enterprise.context.RequestScoped;

/** The session of the request being served, resolved once by {@link SessionFilter}. */
@RequestScoped
public class CurrentSession {

    private Session session;

    void set(Session session) {
        this.session = session;
    }

    public Session get() {
        if (session == null) {
            throw new IllegalStateException("no session resolved for this request");
        }
        return session;
    }

    public boolean isResolved() {
        return session != null;
    }
}
