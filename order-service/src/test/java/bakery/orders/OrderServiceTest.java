package bakery.orders;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.QuarkusTestResource;

import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.PostgresResource;
import bakery.testkit.resources.RedisResource;

/**
 * The servers every in-JVM order-service test runs against: the test JVM's real Kafka broker and PostgreSQL, and Redis
 * for the node's heartbeat to the ops console.
 */
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OrderServiceTest {
}
