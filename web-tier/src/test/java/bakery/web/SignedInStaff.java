package bakery.web;

import java.net.http.HttpResponse;
import java.util.Map;

/** A staff member's browser: the customer session cookie plus the sign-in cookie. */
public final class SignedInStaff {

    private final Shopper browser;
    private final String credential;

    private SignedInStaff(Shopper browser, String credential) {
        this.browser = browser;
        this.credential = credential;
    }

    public static SignedInStaff signIn(String base, String user, String password) {
        Shopper browser = new Shopper(base);
        browser.get("/signin");
        HttpResponse<String> response = browser.postForm("/j_security_check",
                Map.of("j_username", user, "j_password", password));
        String credential = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("FADU_STAFF="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElse("FADU_STAFF=");
        return new SignedInStaff(browser, credential);
    }

    public HttpResponse<String> get(String path) {
        return browser.get(path, "Cookie", cookies());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return browser.postForm(path, fields, "Cookie", cookies());
    }

    public SseStream stream(String path) {
        return browser.stream(path, null, "Cookie", cookies());
    }

    public String csrfToken() {
        return browser.csrfToken();
    }

    private String cookies() {
        return credential + "; FADU_SESSION=" + browser.sessionId();
    }
}
