package bakery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bakery.servers.RestartableServer;
import bakery.servers.readiness.Probes;

/**
 * A node's {@code /q/health/ready} on its management port, as the balancer's probe sees it: UP keeps
 * the node in rotation, DOWN (503) takes it out. The outage check takes a server away, waits for the
 * node to leave rotation naming the check that failed, brings the server back and waits for the node
 * to return.
 */
public final class ReadinessProbe {

    /** How long a node may take to notice that a server left or came back: reconnect back-offs are generous. */
    public static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    /** Quarkus' own readiness checks, by the names they report. */
    public static final String KAFKA_CHECK = "SmallRye Reactive Messaging - readiness check";
    public static final String REDIS_CHECK = "Redis connection health check";
    public static final String POSTGRES_CHECK = "Reactive PostgreSQL connections health check";

    private static final Probes PROBES = new Probes(Duration.ofSeconds(5));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI ready;
    private final URI live;

    private ReadinessProbe(String managementUrl) {
        URI management = URI.create(managementUrl);
        this.ready = management.resolve("/q/health/ready");
        this.live = management.resolve("/q/health/live");
    }

    /**
     * @param managementUrl any URL on the node's management port ({@link ServiceProcess#managementUrl()}, or what
     *        {@code @TestHTTPResource(management = true)} injects): only its host and port count
     */
    public static ReadinessProbe of(String managementUrl) {
        return new ReadinessProbe(managementUrl);
    }

    /** What readiness answers now: its HTTP status and the health report. */
    public record Answer(int status, JsonNode report) {

        /** The state ({@code UP} or {@code DOWN}) of the check named {@code check}, or null when the report lacks it. */
        public String check(String check) {
            for (JsonNode c : report.path("checks")) {
                if (check.equals(c.path("name").asText())) {
                    return c.path("status").asText();
                }
            }
            return null;
        }
    }

    public Answer now() {
        return ask(ready);
    }

    /** What liveness answers now: a node that is not alive gets restarted by its orchestrator. */
    public Answer live() {
        return ask(live);
    }

    private static Answer ask(URI check) {
        Probes.Page page = PROBES.page(check);
        try {
            return new Answer(page.status(), page.body().isBlank() ? JSON.nullNode() : JSON.readTree(page.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(check + " answered no health report: " + page.body(), e);
        }
    }

    /** Asserts that the node is in rotation now: 200, UP, and each of {@code checks} reported UP. */
    public void assertUpWith(String... checks) {
        Answer answer = now();
        assertThat(answer.status()).as("readiness status; report %s", answer.report()).isEqualTo(200);
        assertThat(answer.report().path("status").asText()).isEqualTo("UP");
        for (String check : checks) {
            assertThat(answer.check(check)).as("state of check '%s' in %s", check, answer.report()).isEqualTo("UP");
        }
    }

    /** Waits until the node is in rotation: 200 and UP. */
    public void awaitUp() {
        Await.within(OUTAGE_NOTICED, ready + " answers 200 UP").untilAsserted(() -> {
            Answer answer = now();
            assertThat(answer.status()).as("readiness status; report %s", answer.report()).isEqualTo(200);
            assertThat(answer.report().path("status").asText()).isEqualTo("UP");
        });
    }

    /** Waits until the node is out of rotation because of {@code check}: 503, DOWN, and that check DOWN. */
    public void awaitDownNaming(String check) {
        Await.within(OUTAGE_NOTICED, ready + " answers 503 with '" + check + "' DOWN").untilAsserted(() -> {
            Answer answer = now();
            assertThat(answer.status()).as("readiness status; report %s", answer.report()).isEqualTo(503);
            assertThat(answer.report().path("status").asText()).isEqualTo("DOWN");
            assertThat(answer.check(check)).as("state of check '%s' in %s", check, answer.report()).isEqualTo("DOWN");
        });
    }

    /**
     * Stops {@code server}, waits for the node to leave rotation naming {@code check}, starts the
     * server again (also when the wait fails, so later tests find it running) and waits for the node
     * to come back.
     */
    public void throughOutageOf(RestartableServer<?> server, String check) {
        server.stop();
        try {
            awaitDownNaming(check);
        } finally {
            server.start();
        }
        awaitUp();
    }
}
