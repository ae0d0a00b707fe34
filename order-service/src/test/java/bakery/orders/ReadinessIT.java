package bakery.orders;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import bakery.servers.RestartableServer;
import bakery.testkit.KafkaBroker;
import bakery.testkit.PostgresServer;
import bakery.testkit.ReadinessFollowsItsServers;
import bakery.testkit.ReadinessProbe;

/** Readiness follows the real servers: a node without PostgreSQL or Kafka leaves the balancer's rotation, and comes back. */
@QuarkusTest
@OrderServiceTest
class ReadinessIT implements ReadinessFollowsItsServers {

    @Override
    public Map<String, RestartableServer<?>> serversByCheck() {
        return Map.of(ReadinessProbe.POSTGRES_CHECK, PostgresServer.shared(), ReadinessProbe.KAFKA_CHECK, KafkaBroker.shared());
    }
}
