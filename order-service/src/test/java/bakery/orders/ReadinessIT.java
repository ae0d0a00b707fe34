package bakery.orders;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import bakery.testkit.Await;
import bakery.testkit.KafkaBroker;
import bakery.testkit.PostgresServer;
import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness follows the real servers: a node without PostgreSQL or Kafka leaves the balancer's rotation, and comes back. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ReadinessIT {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(60);

    @Test
    void readyWhenKafkaAndPostgresAnswer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void notReadyWhilePostgresIsDownAndReadyAgainAfter() {
        PostgresServer postgres = PostgresServer.shared();
        postgres.stop();
        try {
            awaitReadiness(503);
        } finally {
            postgres.start();
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
        Await.within(OUTAGE_NOTICED, "readiness answers " + status)
                .until(() -> given().get("/q/health/ready").statusCode() == status);
    }
}
