package bakery.baking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.testkit.KafkaBroker;
import bakery.testkit.ReadinessProbe;
import bakery.testkit.RedisServer;

/** Readiness follows the real servers: a worker without Redis or Kafka leaves rotation, and comes back. */
@QuarkusTest
class ReadinessIT extends BakingIT {

    /** Where probes ask: the management port, not the public one. */
    @TestHTTPResource(value = "/", management = true)
    URL node;

    @Test
    void readyWhenKafkaAndRedisAnswer() {
        ReadinessProbe.of(node.toString()).assertUpWith(ReadinessProbe.REDIS_CHECK, ReadinessProbe.KAFKA_CHECK);
    }

    @Test
    void aliveWhileItsChannelsRun() {
        ReadinessProbe.Answer live = ReadinessProbe.of(node.toString()).live();
        assertThat(live.status()).as("liveness report %s", live.report()).isEqualTo(200);
        assertThat(live.report().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void notReadyWhileRedisIsDownAndReadyAgainAfter() {
        ReadinessProbe.of(node.toString()).throughOutageOf(RedisServer.shared(), ReadinessProbe.REDIS_CHECK);
    }

    @Test
    void notReadyWhileKafkaIsDownAndReadyAgainAfter() {
        ReadinessProbe.of(node.toString()).throughOutageOf(KafkaBroker.shared(), ReadinessProbe.KAFKA_CHECK);
    }
}
