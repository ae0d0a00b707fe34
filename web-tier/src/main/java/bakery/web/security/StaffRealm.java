package bakery.web.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a sign-in against {@link StaffAccounts}. Bcrypt is slow on purpose, so the check runs on a
 * worker thread, never on the event loop.
 */
@ApplicationScoped
public class StaffRealm implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final StaffAccounts accounts;

    public StaffRealm(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            StaffAccounts.Account account = accounts.users().get(request.getUsername());
            String password = new String(request.getPassword().getPassword());
            if (account == null || !BcryptUtil.matches(password, PasswordHashes.normalise(account.passwordHash()))) {
                throw new AuthenticationFailedException("unknown user or wrong password");
            }
            return identity(request.getUsername(), account);
        });
    }

    static SecurityIdentity identity(String user, StaffAccounts.Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRoles(java.util.Set.copyOf(account.roles()))
                .build();
    }
}
