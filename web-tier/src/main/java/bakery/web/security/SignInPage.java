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
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Staff sign-in and sign-out. The form posts to Quarkus' form authentication (j_security_check). */
@PermitAll
@Path("/")
public class SignInPage {

    private final Template signin;
    private final String staffCookie;
    private final SecurityIdentity identity;
    private final StaffSessions sessions;

    public SignInPage(Template signin, @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String staffCookie,
            SecurityIdentity identity, StaffSessions sessions) {
        this.signin = signin;
        this.staffCookie = staffCookie;
        this.identity = identity;
        this.sessions = sessions;
    }

    @GET
    @Path("/signin")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("error") boolean error) {
        return signin.data("error", error).data("throttled", null);
    }

    /**
     * Ends the staff session on the server, so the sign-in cookie is refused from now on on every
     * node, even a copy of it; then the browser forgets it too.
     */
    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut() {
        StaffSessions.SignIn signIn = identity.getAttribute(StaffRealm.SIGN_IN);
        Uni<Void> ended = signIn == null ? Uni.createFrom().voidItem() : sessions.end(signIn.id());
        NewCookie expired = new NewCookie.Builder(staffCookie).path("/").value("").maxAge(0).httpOnly(true).build();
        return ended.replaceWith(() -> Response.seeOther(URI.create("/")).cookie(expired).build());
    }
}
