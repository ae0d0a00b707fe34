package bakery.web.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Restores a signed-in staff member from the encrypted sign-in cookie on any node. The cookie names
 * the user only; roles come from the configuration each time, so a removed account stops working.
 */
@ApplicationScoped
public class SignedInStaff implements IdentityProvider<TrustedAuthenticationRequest> {

    private final StaffAccounts accounts;

    public SignedInStaff(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        StaffAccounts.Account account = accounts.users().get(request.getPrincipal());
        if (account == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no such staff account"));
        }
        return Uni.createFrom().item(StaffRealm.identity(request.getPrincipal(), account));
    }
}
