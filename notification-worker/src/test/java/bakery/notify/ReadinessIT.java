package bakery.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
}
