package bakery.testkit.resources;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import bakery.testkit.KafkaBroker;

/** Points the app under test at the test JVM's real Kafka broker. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test in the JVM; stopped at JVM exit
    }
}
