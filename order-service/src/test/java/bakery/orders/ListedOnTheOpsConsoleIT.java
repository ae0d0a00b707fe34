package bakery.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.defaults.NodeHeartbeat;
import bakery.testkit.Await;
import bakery.testkit.ReadinessProbe;
import bakery.testkit.RedisServer;
import bakery.testkit.ThisNode;

/**
 * An order-service node beats into real Redis like every other node, so each web node's /ops lists it with its release
 * and offers to drain it; Redis only carries that heartbeat, so a Redis outage never takes the node out of rotation.
 */
@QuarkusTest
@OrderServiceTest
class ListedOnTheOpsConsoleIT {

    @Inject
    ReactiveRedisDataSource redis;

    private final ThisNode self = ThisNode.ofConfig();

    @Test
    void itsHeartbeatNamesTheServiceTheReleaseAndWhereToDrainIt() {
        Map<String, String> beat = Await.until("order-service's heartbeat in Redis", this::heartbeat,
                hash -> hash.containsKey("id"));

        assertThat(beat).containsEntry("id", self.id())
                .containsEntry("service", "order-service")
                .as("no launcher names a release here: the build's version stands for it")
                .containsEntry("release", self.version())
                .containsEntry("rotation", NodeHeartbeat.IN_ROTATION)
                .containsEntry("v", Integer.toString(NodeHeartbeat.SHAPE_VERSION));
        assertThat(beat.get("management")).as("where /ops sends the drain").startsWith("127.0.0.1:");
        assertThat(liveIds()).contains(self.id());
    }

    @Test
    void aRedisOutageLeavesTheNodeInRotationAndTheHeartbeatComesBackAfter() {
        ReadinessProbe readiness = ReadinessProbe.of(TestHTTPResourceManager.getManagementUri());
        RedisServer.shared().stop();
        try {
            ReadinessProbe.Answer answer = readiness.now();
            assertThat(answer.check(ReadinessProbe.REDIS_CHECK)).as("Redis is no check of readiness: %s", answer.report())
                    .isNull();
            readiness.assertUpWith(ReadinessProbe.POSTGRES_CHECK, ReadinessProbe.KAFKA_CHECK);
        } finally {
            RedisServer.shared().start();
        }
        redis.key(String.class).del(NodeHeartbeat.NODE_PREFIX + self.id()).await().atMost(Duration.ofSeconds(5));

        Await.until("the heartbeat written again once Redis is back", this::heartbeat,
                hash -> "order-service".equals(hash.get("service")));
        readiness.assertUpWith(ReadinessProbe.POSTGRES_CHECK, ReadinessProbe.KAFKA_CHECK);
    }

    private Map<String, String> heartbeat() {
        return redis.hash(String.class).hgetall(NodeHeartbeat.NODE_PREFIX + self.id()).await().atMost(Duration.ofSeconds(5));
    }

    private java.util.List<String> liveIds() {
        return redis.sortedSet(String.class).zrange(NodeHeartbeat.INDEX, 0, -1).await().atMost(Duration.ofSeconds(5));
    }
}
