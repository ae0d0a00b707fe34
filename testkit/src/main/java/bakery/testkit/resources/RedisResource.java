package bakery.testkit.resources;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import bakery.testkit.RedisServer;

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
