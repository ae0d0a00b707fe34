package bakery.testkit.resources;

import bakery.testkit.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the app under test at the test JVM's real Redis server. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", RedisServer.shared().url());
    }

    @Override
    public void stop() {
        // shared by every test in the JVM; stopped at JVM exit
    }
}
