package bakery.web.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** The ops console's data as JSON (role ops), for {@code ./bakery status} and scripts. */
@RolesAllowed("ops")
@Path("/api/ops")
public class OpsResource {

    @Inject
    OpsConsole console;

    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OpsSnapshot> snapshot() {
        return console.snapshot();
    }
}
