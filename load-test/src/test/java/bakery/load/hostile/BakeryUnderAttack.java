package bakery.load.hostile;

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
 * One node of each packaged service as its own JVM, against the test JVM's real Kafka, PostgreSQL,
 * Redis and SMTP servers: what the hostile requests and poison records are thrown at.
 */
final class BakeryUnderAttack implements AutoCloseable {

    /** Fast ovens, so an order placed after the attack is ready in seconds. */
    static final String OVEN_SPEED_FACTOR = "0.01";

    final KafkaBroker kafka = KafkaBroker.shared();
    private final PostgresServer postgres = PostgresServer.shared();
    private final RedisServer redis = RedisServer.shared();
    private final MailServer mail = MailServer.shared();
    private final List<ServiceProcess> nodes = new ArrayList<>();
    final ServiceProcess orderService;
    final ServiceProcess web;

    BakeryUnderAttack() {
        orderService = start(node("order-service")
                .with("quarkus.datasource.jdbc.url", postgres.jdbcUrl())
                .with("quarkus.datasource.reactive.url", postgres.reactiveUrl())
                .with("quarkus.datasource.username", PostgresServer.USER)
                .with("quarkus.datasource.password", PostgresServer.PASSWORD));
        start(node("baking-worker")
                .with("quarkus.redis.hosts", redis.url())
                .with("bakery.oven.speed-factor", OVEN_SPEED_FACTOR));
        start(node("notification-worker")
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.mailer.mock", "false")
                .with("quarkus.mailer.host", "localhost")
                .with("quarkus.mailer.port", Integer.toString(mail.port()))
                .with("quarkus.mailer.start-tls", "DISABLED"));
        web = start(node("web-tier")
                .with("quarkus.redis.hosts", redis.url())
                .with("quarkus.rest-client.order-service.url", orderService.baseUrl()));
        nodes.forEach(ServiceProcess::awaitReady);
    }

    private ServiceProcess node(String service) {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        return new ServiceProcess(service + "-hostile", jar, FreePort.next())
                .logsIn(Path.of("target", "nodes").toAbsolutePath())
                .with("bakery.node-id", service + "-hostile")
                .with("kafka.bootstrap.servers", kafka.bootstrapServers())
                // No trace collector next to the tests.
                .with("quarkus.otel.sdk.disabled", "true")
                .with("quarkus.shutdown.delay", "0s");
    }

    private ServiceProcess start(ServiceProcess p) {
        nodes.add(p);
        return p.start();
    }

    @Override
    public void close() {
        nodes.forEach(ServiceProcess::kill);
    }
}
