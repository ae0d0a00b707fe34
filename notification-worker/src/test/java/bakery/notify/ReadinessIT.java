package bakery.notify;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;

import bakery.servers.RestartableServer;
import bakery.testkit.KafkaBroker;
import bakery.testkit.ReadinessFollowsItsServers;
import bakery.testkit.ReadinessProbe;
import bakery.testkit.RedisServer;

/** Readiness follows the real servers: the notifier without Redis or Kafka leaves rotation, and comes back. */
@QuarkusTest
class ReadinessIT extends NotifyIT implements ReadinessFollowsItsServers {

    @Override
    public Map<String, RestartableServer<?>> serversByCheck() {
        return Map.of(ReadinessProbe.REDIS_CHECK, RedisServer.shared(), ReadinessProbe.KAFKA_CHECK, KafkaBroker.shared());
    }
}
