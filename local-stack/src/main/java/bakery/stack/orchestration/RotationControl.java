package bakery.stack.orchestration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import bakery.stack.process.Instance;

/**
 * A consumer node's out-of-rotation control, on its management port ({@code POST /rotation/drain}
 * and {@code /rotation/undrain}, bakery.defaults.RotationRoutes): drained, the node leaves its
 * consumer groups once its work in hand is done, and stays up.
 */
final class RotationControl {

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout how long a drain may take: the node's own wait for its work in hand, plus room */
    RotationControl(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        this.timeout = timeout;
    }

    /** Returns the node's answer (its state as JSON); a refusal or no answer is a {@link StackException}. */
    String drain(Instance node) {
        return post(node, "drain");
    }

    String undrain(Instance node) {
        return post(node, "undrain");
    }

    private String post(Instance node, String action) {
        URI uri = URI.create("http://127.0.0.1:" + node.managementPort() + "/rotation/" + action);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new StackException(
                        node.id() + " refused to " + action + " (" + answer.statusCode() + "): " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new StackException(node.id() + " did not answer " + uri + ": " + e.getMessage() + "; see ./bakery logs "
                    + node.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + node.id() + " was asked to " + action);
        }
    }
}
