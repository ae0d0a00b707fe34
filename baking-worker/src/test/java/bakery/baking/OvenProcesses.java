package bakery.baking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import bakery.testkit.Await;
import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;

/**
 * Baking-worker instances as separate JVMs (the packaged jar) on a Kafka broker and a Redis of
 * their own, so that no worker of the test JVM's group takes part in what they do. A test class
 * holds one in a static {@code @RegisterExtension} field: the servers stop after its last test.
 */
final class OvenProcesses implements AutoCloseable, AfterAllCallback {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final KafkaBroker broker;
    private final RedisServer redis;

    OvenProcesses() {
        try {
            broker = new KafkaBroker(FreePort.next(), Files.createTempDirectory("fadu-ovens-kafka"), 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker.start();
        redis = new RedisServer(FreePort.next(), null);
        redis.start();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** An instance named {@code node} (its node id too), not started yet. */
    ServiceProcess oven(String node, int slots, double speedFactor) {
        ServiceProcess oven = new ServiceProcess(node, JAR, FreePort.next())
                .with("kafka.bootstrap.servers", broker.bootstrapServers())
                .with("quarkus.redis.hosts", redis.url())
                .with("bakery.node-id", node)
                .with("bakery.oven.slots", Integer.toString(slots))
                .with("bakery.oven.speed-factor", Double.toString(speedFactor))
                .with("bakery.oven.lease-ttl", "3s")
                .with("quarkus.shutdown.delay", "1s")
                .with("quarkus.otel.sdk.disabled", "true")
                // a dead member is noticed after the broker's minimum session timeout, not the default 45 s
                .with("mp.messaging.incoming.bake-requests.session.timeout.ms", "6000")
                .with("mp.messaging.incoming.bake-requests.heartbeat.interval.ms", "1000")
                .with("mp.messaging.incoming.bake-requests.auto.commit.interval.ms", "500");
        return oven;
    }

    /** Starts the instances together and waits until each is ready. */
    static void startAll(List<ServiceProcess> ovens) {
        ovens.forEach(ServiceProcess::start);
        ovens.forEach(ServiceProcess::awaitReady);
    }

    /** Starts the instances and waits until each of them holds partitions of the group. */
    static void startSharing(OvenWatch watch, List<ServiceProcess> ovens) {
        startAll(ovens);
        Await.within(Duration.ofSeconds(60), ovens.size() + " ovens share the partitions")
                .until(() -> watch.groupMembersWithPartitions() == ovens.size());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        redis.close();
        broker.close();
    }
}
