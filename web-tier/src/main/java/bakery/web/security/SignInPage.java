package bakery.web.security;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Staff sign-in and sign-out. The form posts to Quarkus' form authentication (j_security_check). */
@PermitAll
@Path("/")
public class SignInPage {

    private final Template signin;
    private final String staffCookie;

    public SignInPage(Template signin, @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String staffCookie) {
        this.signin = signin;
        this.staffCookie = staffCookie;
    }

    @GET
    @Path("/signin")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("error") boolean error) {
        return signin.data("error", error);
    }

    /** The identity lives only in the encrypted cookie, so signing out is forgetting it. */
    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        NewCookie expired = new NewCookie.Builder(staffCookie).path("/").value("").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/")).cookie(expired).build();
    }
}
