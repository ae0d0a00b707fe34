package bakery.load.chaos;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member of staff at the counter, through the balancer like a browser: signs in, opens the board
 * (which hands out the form token), and hands over orders the customers placed a while ago, one
 * pick-up at a time. An order not ready yet is left as it is by the order-service; one handed over
 * is not asked for again. Every answer is counted by outcome with the customers'.
 */
final class StaffMember {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final SteadyLoad.Staff settings;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final OutcomeCount outcomes;
    private final HttpClient http;
    private final Set<UUID> handedOver = ConcurrentHashMap.newKeySet();
    private String formToken;

    StaffMember(SteadyLoad.Staff settings, String baseUrl, Duration requestTimeout, OutcomeCount outcomes) {
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.outcomes = outcomes;
        // The sign-in cookie and the form-token cookie, kept as a browser keeps them.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(requestTimeout).build();
    }

    /**
     * One turn at the counter: signed in and at the board (again, when needed), then one order handed over.
     * Whether an order was handed over.
     */
    boolean serve(Supplier<Map<UUID, Instant>> accepted) {
        if (formToken == null) {
            formToken = signIn().flatMap(signedIn -> board()).orElse(null);
            return false;
        }
        Instant due = Instant.now().minus(settings.pickUpAfter());
        Optional<UUID> next = accepted.get().entrySet().stream()
                .filter(e -> e.getValue().isBefore(due) && !handedOver.contains(e.getKey())).map(Map.Entry::getKey)
                .findFirst();
        if (next.isEmpty()) {
            formToken = board().orElse(null);
            return false;
        }
        int status = send(form("/board/orders/" + next.get() + "/pick-up", Map.of("csrf", formToken)));
        if (status >= 200 && status < 400) {
            handedOver.add(next.get());
            return true;
        }
        // Signed out (a 401/403) or refused: back to the sign-in and the board on the next turn.
        formToken = null;
        return false;
    }

    private Optional<Boolean> signIn() {
        int status = send(form("/j_security_check", Map.of("j_username", settings.user(), "j_password", settings.password())));
        return status >= 200 && status < 400 ? Optional.of(true) : Optional.empty();
    }

    private Optional<String> board() {
        HttpRequest page = HttpRequest.newBuilder(URI.create(baseUrl + "/board")).timeout(requestTimeout)
                .header("Accept", "text/html").GET().build();
        try {
            HttpResponse<String> answer = SentAgain.ifClosed(http, page, HttpResponse.BodyHandlers.ofString(), true);
            outcomes.add(Outcome.of(answer.statusCode()));
            Matcher token = FORM_TOKEN.matcher(answer.body());
            return answer.statusCode() == 200 && token.find() ? Optional.of(token.group(1)) : Optional.empty();
        } catch (IOException e) {
            outcomes.add(Outcome.NO_ANSWER);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /** The answer's status, counted; -1 (and no answer counted) when none came. */
    private int send(HttpRequest request) {
        try {
            // Every request of the counter is safe twice: a hand-over applies once, a second sign-in is the same sign-in.
            int status = SentAgain.ifClosed(http, request, HttpResponse.BodyHandlers.discarding(), true).statusCode();
            outcomes.add(Outcome.of(status));
            return status;
        } catch (IOException e) {
            outcomes.add(Outcome.NO_ANSWER);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
