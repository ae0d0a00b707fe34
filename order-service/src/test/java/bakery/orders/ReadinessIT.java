package bakery.orders;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ReadinessIT {

    @Test
    void readyWhenKafkaAndPostgresAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
