package bakery.baking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

    @TestHTTPResource("/")
    URL node;

    @Test
    void readyWhenKafkaAndRedisAnswer() {
        ReadinessProbe.of(node.toString()).assertUpWith(ReadinessProbe.REDIS_CHECK, ReadinessProbe.KAFKA_CHECK);
    }

    @Test
    void aliveWhileItsChannelsRun() {
        given().when().get("/q/health/live").then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"));
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
