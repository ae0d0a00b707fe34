package bakery.load.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** How long a browser's EventSource waits before it opens a broken stream again (shorter here, to keep runs short). */
    static final Duration RECONNECT = Duration.ofSeconds(1);

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
     * then closes it, as a browser tab closed soon after. Like a browser's EventSource, a stream that
     * ends or breaks before its first event is opened again after {@link #RECONNECT} (a node that
     * leaves completes its streams so that browsers land elsewhere), while an answer other than 200 is
     * final. Counted once, like any answer: no event within the timeout, across reconnections, counts
     * as no answer.
     */
    Answer firstEvent(String path) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Attempt attempt = stream(path, timeout);
        while (attempt.endedEarly() && System.nanoTime() + RECONNECT.toNanos() < deadline) {
            try {
                Thread.sleep(RECONNECT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            attempt = stream(path, Duration.ofNanos(deadline - System.nanoTime()));
        }
        Answer answer = new Answer(attempt.event() || attempt.status() != 200 ? attempt.status() : -1, null);
        outcomes.add(answer.outcome());
        return answer;
    }

    /** One connection of a live stream: its status, whether a data event came, whether it ended or broke before one. */
    private record Attempt(int status, boolean event, boolean endedEarly) {
    }

    private Attempt stream(String path, Duration patience) {
        HttpRequest stream = request(path).timeout(patience).setHeader("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.sendAsync(stream, HttpResponse.BodyHandlers.ofLines()).get(patience.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException refusedOrBroken) {
            return new Attempt(-1, false, true);
        } catch (TimeoutException e) {
            return new Attempt(-1, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(-1, false, false);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            return new Attempt(response.statusCode(), false, false);
        }
        try (Stream<String> lines = response.body()) {
            boolean event = CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return lines.anyMatch(line -> line.startsWith("data:"));
                        } catch (UncheckedIOException broken) {
                            return false;
                        }
                    })
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return new Attempt(200, event, !event);
        } catch (ExecutionException broken) {
            return new Attempt(200, false, true);
        } catch (TimeoutException e) {
            return new Attempt(200, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(200, false, false);
        }
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
            HttpRequest built = request.build();
            HttpResponse<String> response = SentAgain.ifClosed(http, built, HttpResponse.BodyHandlers.ofString(),
                    SentAgain.safeTwice(built));
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
