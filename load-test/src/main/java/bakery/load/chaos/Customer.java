package bakery.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One customer's browser, reduced to what the steady load needs: the session cookie it was given
 * and JSON requests through the balancer. Every answer is counted by outcome.
 */
final class Customer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the status (-1 when there was none) and the JSON body, when there was one. */
    record Answer(int status, JsonNode body) {
        Outcome outcome() {
            return status < 0 ? Outcome.NO_ANSWER : Outcome.of(status);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String cookieName;
    private final Duration timeout;
    private final OutcomeCount outcomes;
    private String session;

    Customer(HttpClient http, String baseUrl, String cookieName, Duration timeout, OutcomeCount outcomes) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.cookieName = cookieName;
        this.timeout = timeout;
        this.outcomes = outcomes;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, Object body, String... headers) {
        return send(request(path, headers).POST(json(body)));
    }

    Answer put(String path, Object body) {
        return send(request(path).PUT(json(body)));
    }

    /**
     * Opens a live page's event stream and reads it until its first event (the page's current state),
     * then closes it, as a browser tab closed soon after. Counted like any answer; an open stream that
     * sends nothing within the timeout counts as no answer.
     */
    Answer firstEvent(String path) {
        HttpRequest stream = request(path).setHeader("Accept", "text/event-stream").GET().build();
        Answer answer;
        try {
            HttpResponse<Stream<String>> response = http.sendAsync(stream, HttpResponse.BodyHandlers.ofLines())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (Stream<String> lines = response.body()) {
                boolean event = response.statusCode() != 200 || CompletableFuture
                        .supplyAsync(() -> lines.anyMatch(line -> line.startsWith("data:")))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                answer = new Answer(event ? response.statusCode() : -1, null);
            }
        } catch (ExecutionException | TimeoutException e) {
            answer = new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(-1, null);
        }
        outcomes.add(answer.outcome());
        return answer;
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json").header("Content-Type", "application/json");
        if (session != null) {
            b.header("Cookie", cookieName + "=" + session);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(cookieName + "="))
                    .findFirst()
                    .ifPresent(
                            c -> session = c.substring(cookieName.length() + 1, c.contains(";") ? c.indexOf(';') : c.length()));
            answer = new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            answer = new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(-1, null);
        }
        outcomes.add(answer.outcome());
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
