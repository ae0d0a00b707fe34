package bakery.orders;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.QuarkusTestResource;

import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.PostgresResource;

/** The servers every in-JVM order-service test runs against: the test JVM's real Kafka broker and PostgreSQL. */
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OrderServiceTest {
}
