package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import bakery.web.session.SessionId;

class StaffSignInTest {

    @Test
    void theCookieNamesTheStaffMemberAndTheirSession() {
        StaffSessions.SignIn signIn = new StaffSessions.SignIn("ops", SessionId.next());
        assertThat(StaffSessions.SignIn.of(signIn.principal())).contains(signIn);
        // a user name may hold the separator itself: the session id never does
        StaffSessions.SignIn odd = new StaffSessions.SignIn("night#shift", SessionId.next());
        assertThat(StaffSessions.SignIn.of(odd.principal())).contains(odd);
    }

    @Test
    void aCookieFromBeforeStaffSessionsOrAForgedOneNamesNoSession() {
        assertThat(StaffSessions.SignIn.of("staff")).isEmpty();
        assertThat(StaffSessions.SignIn.of("staff#not-a-session-id")).isEmpty();
        assertThat(StaffSessions.SignIn.of("#" + SessionId.next())).isEmpty();
        assertThat(StaffSessions.SignIn.of(null)).isEmpty();
    }

    @Test
    void unknownUserNamesAreCheckedAgainstAHashOfTheAccountsCost() {
        String standIn = PasswordHashes
                .standIn(java.util.List.of("$2a$04$abcdefghijklmnopqrstuu", "$2a$05$abcdefghijklmnopqrstuu"));
        assertThat(PasswordHashes.costOf(standIn)).isEqualTo(5);
        assertThat(PasswordHashes.costOf("not a hash")).isEqualTo(10);
    }

    @Test
    void aStrangersUserNameIsLoggedWithoutControlCharactersAndBounded() {
        assertThat(SignInThrottle.printable("staff\nFAKE LOG LINE")).isEqualTo("staff?FAKE LOG LINE");
        assertThat(SignInThrottle.printable("x".repeat(500))).hasSize(67);
    }
}
