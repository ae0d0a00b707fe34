package bakery.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import org.eclipse.microprofile.config.ConfigProvider;

import bakery.web.session.CurrentSession;

/** What every page shows or needs: the node that served it (footer) and the session's form token. */
@TemplateGlobal
public class PageGlobals {

    private static final String NODE = ConfigProvider.getConfig().getValue("bakery.node-id", String.class);

    static String servedBy() {
        return NODE;
    }

    static String csrfToken() {
        CurrentSession session = Arc.container().instance(CurrentSession.class).get();
        return session.isResolved() ? session.get().csrfToken() : "";
    }
}
