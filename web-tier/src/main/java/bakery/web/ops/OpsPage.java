package bakery.web.ops;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The ops console's place (role ops): nodes, consumer groups and scaling come here. */
@Path("/ops")
public class OpsPage {

    private final Template ops;

    public OpsPage(Template ops) {
        this.ops = ops;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return ops.instance();
    }
}
