package bakery.orders;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.testkit.KafkaBroker;
import bakery.testkit.PostgresServer;
import bakery.testkit.ReadinessProbe;

/** Readiness follows the real servers: a node without PostgreSQL or Kafka leaves the balancer's rotation, and comes back. */
@QuarkusTest
@OrderServiceTest
class ReadinessIT {

    /** Where probes ask: the management port, not the public one. */
    @TestHTTPResource(value = "/", management = true)
    URL node;

    @Test
    void readyWhenKafkaAndPostgresAnswer() {
        ReadinessProbe.of(node.toString()).assertUpWith(ReadinessProbe.POSTGRES_CHECK, ReadinessProbe.KAFKA_CHECK);
    }

    @Test
    void notReadyWhilePostgresIsDownAndReadyAgainAfter() {
        ReadinessProbe.of(node.toString()).throughOutageOf(PostgresServer.shared(), ReadinessProbe.POSTGRES_CHECK);
    }

    @Test
    void notReadyWhileKafkaIsDownAndReadyAgainAfter() {
        ReadinessProbe.of(node.toString()).throughOutageOf(KafkaBroker.shared(), ReadinessProbe.KAFKA_CHECK);
    }
}
