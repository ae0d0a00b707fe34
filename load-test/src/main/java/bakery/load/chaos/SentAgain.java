package bakery.load.chaos;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * What a browser does when a kept-alive connection closes under a request before an answer came (nginx closes its idle
 * connections each time it reloads for a node change, and a request can cross that close): it sends the request once
 * more on a new connection, when sending it twice is safe. Safe here: GET and PUT, a checkout with its Idempotency-Key,
 * and what the caller knows to be safe (a hand-over applies once; a sign-in twice is one sign-in). A request that got no
 * answer in time is not sent again: that is no answer.
 */
final class SentAgain {

    private SentAgain() {
    }

    static <T> HttpResponse<T> ifClosed(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body,
            boolean safeTwice) throws IOException, InterruptedException {
        try {
            return http.send(request, body);
        } catch (HttpTimeoutException noAnswerInTime) {
            throw noAnswerInTime;
        } catch (IOException closed) {
            if (!safeTwice) {
                throw closed;
            }
            return http.send(request, body);
        }
    }

    /** By HTTP's own rules, or by the Idempotency-Key the bakery honours. */
    static boolean safeTwice(HttpRequest request) {
        return request.method().equals("GET") || request.method().equals("PUT")
                || request.headers().firstValue("Idempotency-Key").isPresent();
    }
}
