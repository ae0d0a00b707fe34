package bakery.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.QuarkusTestResource;

import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.RedisResource;

/** The servers every in-JVM web-tier test runs against: real Kafka and Redis, order-service's query API stubbed. */
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(OrderServiceStubResource.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebTierTest {
}
