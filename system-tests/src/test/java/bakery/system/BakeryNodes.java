package bakery.system;

import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.MailServer;
import bakery.testkit.PostgresServer;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged services running as separate JVMs against the test JVM's real Kafka, PostgreSQL,
 * Redis and SMTP servers: the bakery as it runs on several nodes, for tests that kill and add nodes.
 */
final class BakeryNodes implements AutoCloseable {

    /** Fast ovens: a croissant's 18 minutes take about a second. */
    static final String OVEN_SPEED_FACTOR = "0.001";

    private final List<ServiceProcess> started = new ArrayList<>();
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final PostgresServer postgres = PostgresServer.shared();
    private final RedisServer redis = RedisServer.shared();
    private final MailServer mail = MailServer.shared();

    KafkaBroker kafka() {
        return kafka;
    }

    MailServer mail() {
        return mail;
    }

    ServiceProcess orderService(String nodeId) {
        return start(node("order-service", nodeId)
                .with("quarkus.datasource.jdbc.url", postgres.jdbcUrl())
                .with("quarkus.datasource.reactive.url", postgres.reactiveUrl())
                .with("quarkus.datasource.username", PostgresServer.USER)
                .with("quarkus.datasource.password", PostgresServer.PASSWORD));
    }

    ServiceProcess bakingWorker(String nodeId) {
        return start(node("baking-worker", nodeId)
                .with("quarkus.redis.hosts", redis.url())
                .with("bakery.oven.speed-factor", OVEN_SPEED_FACTOR)
                .with("bakery.oven.lease-ttl", "3s"));
    }

    ServiceProcess notificationWorker(String nodeId) {
        return start(node("notification-worker", nodeId)
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.mailer.mock", "false")
                .with("quarkus.mailer.host", "localhost")
                .with("quarkus.mailer.port", Integer.toString(mail.port()))
                .with("quarkus.mailer.start-tls", "DISABLED"));
    }

    ServiceProcess webNode(String nodeId, ServiceProcess orderService) {
        return start(node("web-tier", nodeId)
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.rest-client.order-service.url", orderService.baseUrl()));
    }

    private ServiceProcess node(String service, String nodeId) {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        return new ServiceProcess(nodeId, jar, FreePort.next())
                .logsIn(Path.of("target", "nodes").toAbsolutePath())
                .with("bakery.node-id", nodeId)
                .with("kafka.bootstrap.servers", kafka.bootstrapServers())
                // no trace collector next to the tests
                .with("quarkus.otel.sdk.disabled", "true")
                .with("quarkus.shutdown.delay", "0s");
    }

    private ServiceProcess start(ServiceProcess process) {
        started.add(process);
        return process.start();
    }

    /** Waits until every node started so far reports ready. */
    void awaitReady() {
        started.forEach(ServiceProcess::awaitReady);
    }

    @Override
    public void close() {
        started.forEach(ServiceProcess::kill);
    }
}
