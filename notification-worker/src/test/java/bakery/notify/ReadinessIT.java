package bakery.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import bakery.testkit.Await;
import bakery.testkit.KafkaBroker;
import bakery.testkit.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness follows the real servers: the notifier without Redis or Kafka leaves rotation, and comes back. */
@QuarkusTest
class ReadinessIT extends NotifyIT {

    @Test
    void readyWhenKafkaAndRedisAnswer() {
        given().when().get("/q/health/ready").then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check", "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void aliveWhileItsChannelRuns() {
        given().when().get("/q/health/live").then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void notReadyWhileRedisIsDownAndReadyAgainAfter() {
        RedisServer redis = RedisServer.shared();
        redis.stop();
        try {
            awaitReadiness(503);
        } finally {
            redis.start();
        }
        awaitReadiness(200);
    }

    @Test
    void notReadyWhileKafkaIsDownAndReadyAgainAfter() {
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.stop();
        try {
            awaitReadiness(503);
        } finally {
            kafka.start();
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        Await.within(Duration.ofSeconds(60), "readiness answers " + status)
                .until(() -> given().get("/q/health/ready").statusCode() == status);
    }
}
