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
    /** The web tier's own limits (its defaults, named here so the suite knows what to expect). */
    static final int LIVE_STREAMS_PER_SESSION = 10;
    static final int CHECKOUTS_PER_SESSION = 20;
    static final int SIGN_IN_FAILURES_PER_ACCOUNT = 10;

    private final BakeryNodes nodes = new BakeryNodes().with("baking-worker", "bakery.oven.speed-factor", OVEN_SPEED_FACTOR)
            .with("web-tier", "bakery.web.limits.live-streams.per-session", Integer.toString(LIVE_STREAMS_PER_SESSION))
            .with("web-tier", "bakery.web.limits.checkouts.per-session", Integer.toString(CHECKOUTS_PER_SESSION))
            .with("web-tier", "bakery.web.limits.sign-in-failures.per-account", Integer.toString(SIGN_IN_FAILURES_PER_ACCOUNT));
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
