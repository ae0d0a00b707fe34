package bakery.baking;

import io.quarkus.test.common.QuarkusTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import bakery.testkit.KafkaBroker;
import bakery.testkit.resources.KafkaResource;
import bakery.testkit.resources.RedisResource;

/** The worker under test against the test JVM's real Kafka broker and Redis; one watch per test. */
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
public abstract class BakingIT {

    protected OvenWatch watch;

    @BeforeEach
    void openWatch() {
        watch = new OvenWatch(KafkaBroker.shared().bootstrapServers());
    }

    @AfterEach
    void closeWatch() {
        watch.close();
    }
}
