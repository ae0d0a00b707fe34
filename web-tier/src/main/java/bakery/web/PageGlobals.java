package bakery.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import org.eclipse.microprofile.config.ConfigProvider;

import bakery.web.security.CsrfToken;

/** What every page shows or needs: the node that served it (footer) and the session's form token. */
@TemplateGlobal
public class PageGlobals {

    private static final String NODE = ConfigProvider.getConfig().getValue("bakery.node-id", String.class);

    static String servedBy() {
        return NODE;
    }

    static String csrfToken() {
        return Arc.container().instance(CsrfToken.class).get().value();
    }
}
