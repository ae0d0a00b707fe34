package bakery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import org.junit.jupiter.api.Test;

import bakery.servers.RestartableServer;

/**
 * What every service's readiness promises, as tests a service's {@code ReadinessIT} takes on by
 * implementing this: the node is ready while the servers it needs answer, alive while its channels
 * run, and leaves the balancer's rotation while any one of those servers is away, naming it, then
 * comes back.
 */
public interface ReadinessFollowsItsServers {

    /** The node's management port, where probes ask: the one the running {@code @QuarkusTest} application listens on. */
    default String managementUrl() {
        return TestHTTPResourceManager.getManagementUri();
    }

    /**
     * The servers the node needs, each by the name of the readiness check that reports it ({@link ReadinessProbe}'s constants).
     */
    Map<String, RestartableServer<?>> serversByCheck();

    @Test
    default void readyWhileItsServersAnswer() {
        ReadinessProbe.of(managementUrl()).assertUpWith(serversByCheck().keySet().toArray(String[]::new));
    }

    @Test
    default void aliveWhileItsChannelsRun() {
        ReadinessProbe.Answer live = ReadinessProbe.of(managementUrl()).live();
        assertThat(live.status()).as("liveness report %s", live.report()).isEqualTo(200);
        assertThat(live.report().path("status").asText()).isEqualTo("UP");
    }

    @Test
    default void notReadyWhileAServerIsDownAndReadyAgainAfter() {
        serversByCheck().forEach((check, server) -> ReadinessProbe.of(managementUrl()).throughOutageOf(server, check));
    }
}
