package bakery.servers.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import bakery.servers.kafka.KafkaAdmin;

/** Is it up? One quick look at a port, each kind of server asked in its own language. */
public final class Probes {

    private final Duration timeout;
    /** Made on the first HTTP probe: a client holds threads, and many probes only knock on a port. */
    private HttpClient http;

    public Probes(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        return http;
    }

    /** A Quarkus node is ready when /q/health/ready on its management port answers 200. */
    public boolean httpReady(int managementPort) {
        return httpStatus(managementPort, "/q/health/ready") == 200;
    }

    public int httpStatus(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                    .build();
            return http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What a page answered: its status and body. */
    public record Page(int status, String body) {
    }

    /** The page, or an {@link UncheckedIOException} naming it when nothing answers. */
    public Page page(URI uri) {
        try {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(uri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A Kafka broker is ready when it answers a metadata request, not merely when its port is open. */
    public boolean kafkaAnswers(String bootstrapServers) {
        try (Admin admin = KafkaAdmin.create(bootstrapServers, timeout)) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Sends a line and checks how the answer starts: PING/+PONG for Redis, nothing/220 for SMTP. */
    public boolean answers(int port, String send, String expectedStart) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (send != null) {
                OutputStream out = socket.getOutputStream();
                out.write((send + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(expectedStart.length());
            return new String(reply, StandardCharsets.US_ASCII).equals(expectedStart);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when nothing listens on the port and we could bind it ourselves. */
    public static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
