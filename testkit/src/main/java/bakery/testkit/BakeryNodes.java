package bakery.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}, beside the module the
 * tests run in) as separate JVMs against the test JVM's real Kafka, PostgreSQL, Redis and SMTP
 * servers: the bakery as it runs on several nodes, for tests that add, kill and attack nodes.
 */
public final class BakeryNodes implements AutoCloseable {

    private final List<ServiceProcess> started = new ArrayList<>();
    private final Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final PostgresServer postgres = PostgresServer.shared();
    private final RedisServer redis = RedisServer.shared();
    private final MailServer mail = MailServer.shared();

    /** A setting for every node of {@code service} started from now on, e.g. the ovens' speed for baking-worker. */
    public BakeryNodes with(String service, String key, String value) {
        settings.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailServer mail() {
        return mail;
    }

    public ServiceProcess orderService(String nodeId) {
        return start(node("order-service", nodeId)
                // A packaged node never migrates unless told to; a test's single order-service is the migration run.
                .with("quarkus.flyway.migrate-at-start", "true")
                .with("quarkus.datasource.jdbc.url", postgres.jdbcUrl())
                .with("quarkus.datasource.reactive.url", postgres.reactiveUrl())
                .with("quarkus.datasource.username", PostgresServer.USER)
                .with("quarkus.datasource.password", PostgresServer.PASSWORD)
                // its heartbeat for the ops console
                .with("quarkus.redis.hosts", redis.url()));
    }

    public ServiceProcess bakingWorker(String nodeId) {
        return start(node("baking-worker", nodeId)
                .with("quarkus.redis.hosts", redis.url()));
    }

    public ServiceProcess notificationWorker(String nodeId) {
        return start(node("notification-worker", nodeId)
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.mailer.mock", "false")
                .with("quarkus.mailer.host", "localhost")
                .with("quarkus.mailer.port", Integer.toString(mail.port()))
                .with("quarkus.mailer.start-tls", "DISABLED"));
    }

    public ServiceProcess webNode(String nodeId, ServiceProcess orderService) {
        return start(DemoStaff.on(node("web-tier", nodeId))
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.rest-client.order-service.url", orderService.baseUrl()));
    }

    private ServiceProcess node(String service, String nodeId) {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        ServiceProcess node = new ServiceProcess(nodeId, jar, FreePort.next())
                .logsIn(Path.of("target", "nodes").toAbsolutePath())
                .with("bakery.node-id", nodeId)
                .with("kafka.bootstrap.servers", kafka.bootstrapServers())
                // no trace collector next to the tests
                .with("quarkus.otel.sdk.disabled", "true")
                .with("quarkus.shutdown.delay", "0s");
        settings.getOrDefault(service, Map.of()).forEach(node::with);
        return node;
    }

    private ServiceProcess start(ServiceProcess process) {
        started.add(process);
        return process.start();
    }

    /** Waits until every node started so far reports ready. */
    public void awaitReady() {
        try {
            started.forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException | Error notReady) {
            // a caller whose constructor fails here never gets to close them: no node outlives the test
            close();
            throw notReady;
        }
    }

    /** Kills every node started so far: the servers stay up for the next test. */
    @Override
    public void close() {
        started.forEach(ServiceProcess::kill);
    }
}
