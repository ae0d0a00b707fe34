package bakery.web.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Restores a signed-in staff member from the encrypted sign-in cookie on any node, but only while
 * the staff session it names lives on the server ({@link StaffSessions}): after sign-out, the idle
 * or the absolute timeout, the cookie is worth nothing. Roles come from the configuration each
 * time, so a removed account stops working too. A refused cookie sends the browser to sign in
 * again, and the same answer clears it, so the sign-in page then loads without it.
 */
@ApplicationScoped
public class SignedInStaff implements IdentityProvider<TrustedAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(SignedInStaff.class);

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final String cookieName;

    public SignedInStaff(StaffAccounts accounts, StaffSessions sessions,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookieName = cookieName;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        Optional<StaffSessions.SignIn> signIn = StaffSessions.SignIn.of(request.getPrincipal());
        StaffAccounts.Account account = signIn.map(s -> accounts.users().get(s.user())).orElse(null);
        if (account == null) {
            return refused(request);
        }
        return sessions.resume(signIn.get())
                .onFailure().transform(e -> SignInUnavailable.answer(HttpSecurityUtils.getRoutingContextAttribute(request), e))
                .chain(alive -> alive ? Uni.createFrom().item(StaffRealm.identity(signIn.get(), account)) : refused(request));
    }

    private Uni<SecurityIdentity> refused(TrustedAuthenticationRequest request) {
        LOG.debug("a staff sign-in cookie without a live staff session was refused");
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http != null && !http.response().headWritten()) {
            http.response().addCookie(Cookie.cookie(cookieName, "").setPath("/").setMaxAge(0));
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("the staff session has ended"));
    }
}
