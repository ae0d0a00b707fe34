package bakery.web;

import java.net.http.HttpResponse;
import java.util.Map;

/** A staff member's browser: signed in through the sign-in form, with whatever cookies that left. */
public final class SignedInStaff {

    private final Shopper browser;
    private final HttpResponse<String> signInAnswer;

    private SignedInStaff(Shopper browser, HttpResponse<String> signInAnswer) {
        this.browser = browser;
        this.signInAnswer = signInAnswer;
    }

    public static SignedInStaff signIn(String base, String user, String password, String... headers) {
        Shopper browser = new Shopper(base);
        browser.get("/signin");
        HttpResponse<String> response = browser.postForm("/j_security_check",
                Map.of("j_username", user, "j_password", password), headers);
        return new SignedInStaff(browser, response);
    }

    /** What the sign-in form's post was answered. */
    public HttpResponse<String> signInAnswer() {
        return signInAnswer;
    }

    /** The sign-in cookie, as a thief would copy it. */
    public String credential() {
        return browser.cookie(Shopper.STAFF);
    }

    public Shopper browser() {
        return browser;
    }

    public HttpResponse<String> get(String path) {
        return browser.get(path);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return browser.postForm(path, fields);
    }

    public SseStream stream(String path) {
        return browser.stream(path, null);
    }

    public String csrfToken() {
        return browser.csrfToken();
    }

    /** The sign-out button of the board. */
    public HttpResponse<String> signOut() {
        return browser.postForm("/signout", Map.of("csrf", csrfToken()));
    }
}
