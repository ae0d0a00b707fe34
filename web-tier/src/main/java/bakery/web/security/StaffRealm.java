package bakery.web.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import bakery.web.limits.ClientAddress;
import bakery.web.session.SessionId;

/**
 * Checks a sign-in against {@link StaffAccounts}, after {@link SignInThrottle} let it through.
 * Bcrypt is slow on purpose, so the check runs on a worker thread, never on the event loop. An
 * unknown user name is checked against a stand-in hash of the same cost, so it takes as long as a
 * wrong password: how fast the answer comes says nothing about which names exist. A good password
 * opens a staff session on the server ({@link StaffSessions}), which the sign-in cookie names.
 */
@ApplicationScoped
public class StaffRealm implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Identity attribute: the staff session behind this request's sign-in cookie. */
    public static final String SIGN_IN = "bakery.staff-sign-in";

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final SignInThrottle throttle;
    private final String standIn;

    public StaffRealm(StaffAccounts accounts, StaffSessions sessions, SignInThrottle throttle) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.standIn = PasswordHashes.standIn(accounts.users().values().stream().map(StaffAccounts.Account::passwordHash)
                .toList());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String user = request.getUsername();
        String address = http == null ? "unknown" : ClientAddress.of(http.request());
        return throttle.admit(user, address).onFailure().transform(e -> SignInUnavailable.answer(http, e)).chain(wait -> {
            if (wait.isPresent()) {
                if (http != null) {
                    throttle.refuse(http, wait.get());
                }
                return Uni.createFrom().failure(new AuthenticationFailedException("too many sign-in attempts"));
            }
            return context.runBlocking(() -> checkPassword(user, request.getPassword().getPassword()))
                    .onFailure(AuthenticationFailedException.class).call(() -> throttle.failed(user, address)
                            .onFailure().transform(e -> SignInUnavailable.answer(http, e)))
                    .chain(checked -> sessions.open(user).onFailure().transform(e -> SignInUnavailable.answer(http, e)))
                    .map(signIn -> identity(signIn.principal(), accounts.users().get(user)));
        });
    }

    /** The same bcrypt work whether the user exists or not; the account's identity, or a failure. */
    private SecurityIdentity checkPassword(String user, char[] password) {
        StaffAccounts.Account account = accounts.users().get(user);
        String hash = account == null ? standIn : PasswordHashes.normalise(account.passwordHash());
        boolean matches = BcryptUtil.matches(new String(password), hash);
        if (account == null || !matches) {
            throw new AuthenticationFailedException("unknown user or wrong password");
        }
        return identity(user, account);
    }

    static SecurityIdentity identity(String principal, StaffAccounts.Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal))
                .addRoles(Set.copyOf(account.roles()))
                .build();
    }

    static SecurityIdentity identity(StaffSessions.SignIn signIn, StaffAccounts.Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(signIn.user()))
                .addRoles(Set.copyOf(account.roles()))
                .addAttribute(SIGN_IN, signIn)
                .build();
    }

    /** For the stand-in hash: an unguessable password nobody can type. */
    static String unusablePassword() {
        return SessionId.next();
    }
}
