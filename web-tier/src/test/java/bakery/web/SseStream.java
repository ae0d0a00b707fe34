package bakery.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** An open server-sent-events stream, read in the background: what a browser's EventSource would see. */
public final class SseStream implements AutoCloseable {

    public record Event(String id, String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    SseStream(HttpClient http, HttpRequest request) {
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> read(r.body()));
    }

    public int status() {
        return response.join().statusCode();
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** True once the server ended the stream (or the connection went away). */
    public boolean ended() {
        return ended.isDone();
    }

    private void read(Stream<String> lines) {
        String[] current = new String[3];
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (current[2] != null) {
                        events.add(new Event(current[0], current[1], current[2]));
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    current[2] = (current[2] == null ? "" : current[2] + "\n") + line.substring(5).strip();
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed by the test or the node went away
        } finally {
            ended.complete(null);
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
