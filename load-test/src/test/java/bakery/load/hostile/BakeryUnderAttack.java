package bakery.load.hostile;

import bakery.testkit.BakeryNodes;
import bakery.testkit.KafkaBroker;
import bakery.testkit.ServiceProcess;

/**
 * One node of each packaged service as its own JVM, against the test JVM's real Kafka, PostgreSQL,
 * Redis and SMTP servers: what the hostile requests and poison records are thrown at.
 */
final class BakeryUnderAttack implements AutoCloseable {

    /** Fast ovens, so an order placed after the attack is ready in seconds. */
    static final String OVEN_SPEED_FACTOR = "0.01";

    private final BakeryNodes nodes = new BakeryNodes().with("baking-worker", "bakery.oven.speed-factor", OVEN_SPEED_FACTOR);
    final KafkaBroker kafka = nodes.kafka();
    final ServiceProcess orderService;
    final ServiceProcess web;

    BakeryUnderAttack() {
        orderService = nodes.orderService("order-service-hostile");
        nodes.bakingWorker("baking-worker-hostile");
        nodes.notificationWorker("notification-worker-hostile");
        web = nodes.webNode("web-tier-hostile", orderService);
        nodes.awaitReady();
    }

    @Override
    public void close() {
        nodes.close();
    }
}
