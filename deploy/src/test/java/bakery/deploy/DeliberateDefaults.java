package bakery.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Environment variables a service reads that a deployment deliberately leaves unset, each with the
 * reason. Every other variable in the services' configuration must be set by docker-compose.yml and
 * by each Kubernetes overlay: a new one fails the deployment tests until someone decides.
 */
final class DeliberateDefaults {

    /** Left to the service's default everywhere. */
    static final Map<String, String> EVERYWHERE = Map.ofEntries(
            // Set by Docker and Kubernetes themselves (container id, pod name).
            Map.entry("HOSTNAME", "the runtime names the container"),
            // Oven lease, memory of baked orders, drain and prefetch: tuned with the oven code, same in every shape.
            Map.entry("OVEN_LEASE_TTL", "tuned with the oven code"),
            Map.entry("OVEN_BAKED_MEMORY", "tuned with the oven code"),
            Map.entry("OVEN_DRAIN_TIMEOUT", "tuned with the oven code; stays below SHUTDOWN_TIMEOUT"),
            Map.entry("OVEN_FETCH_AHEAD", "tuned with the oven code"),
            // Real bake times (1.0) in every deployment; only the dev profile and tests speed ovens up.
            Map.entry("OVEN_SPEED_FACTOR", "real bake times in containers"),
            // The oven slots the pickup slots share the queue over: the shipped shapes' usual fleet (2 bakers x 4).
            Map.entry("PICKUP_OVEN_SLOTS", "the shipped shapes' usual baking fleet; set it where the fleet differs"),
            // How long a drain waits for the work in hand before it answers; the node keeps finishing it after that.
            Map.entry("ROTATION_WORK_TIMEOUT", "only bounds how long the drain command waits"),
            // The release /ops names for a node: ./bakery names its release directory; elsewhere the build's version.
            Map.entry("BAKERY_RELEASE", "the image's build version names the release where no launcher names one"),
            // Redis pool sized in web-tier's application.properties for 64+ concurrent requests per node.
            Map.entry("REDIS_POOL_SIZE", "sized in web-tier's application.properties"),
            Map.entry("REDIS_POOL_WAITING", "sized in web-tier's application.properties"),
            // Order intake batch, outbox sweep and emitter buffer: tuned with order-service's code and benchmark.
            Map.entry("ORDERS_BATCH_SIZE", "tuned with order-service's intake"),
            Map.entry("ORDERS_CONSUMERS", "tuned with order-service's intake"),
            Map.entry("OUTBOX_MAX_IN_FLIGHT", "tuned with order-service's outbox"),
            Map.entry("OUTBOX_SWEEP_EVERY", "tuned with order-service's outbox"),
            Map.entry("OUTBOX_SWEEP_GRACE", "tuned with order-service's outbox"),
            Map.entry("OUTBOX_BUFFER", "tuned with order-service's outbox"),
            // Once-per-order-and-status e-mail and SMTP retries: tuned with notification-worker's code.
            Map.entry("NOTIFY_CLAIM_TTL", "tuned with the notifier's code"),
            Map.entry("NOTIFY_SENT_MEMORY", "tuned with the notifier's code"),
            Map.entry("NOTIFY_SEND_TIMEOUT", "tuned with the notifier's code"),
            Map.entry("NOTIFY_RETRIES", "tuned with the notifier's code"),
            Map.entry("NOTIFY_RETRY_INITIAL_BACKOFF", "tuned with the notifier's code"),
            Map.entry("NOTIFY_RETRY_MAX_BACKOFF", "tuned with the notifier's code"),
            // Abuse limits, the request body limit and staff session lifetimes: the defaults are the production
            // values (docs/security.md); an operator tunes them where traffic differs. The local stack lifts two.
            Map.entry("LIMIT_CART_WRITES_PER_SESSION", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_CART_WRITES_PER_ADDRESS", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_CHECKOUTS_PER_SESSION", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_CHECKOUTS_PER_ADDRESS", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_SIGN_INS_PER_ADDRESS", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_SIGN_IN_FAILURES_PER_ADDRESS", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_LIVE_STREAMS_PER_SESSION", "production value in web-tier's application.properties"),
            Map.entry("LIMIT_LIVE_STREAMS_PER_NODE", "production value in web-tier's application.properties"),
            Map.entry("MAX_BODY_SIZE", "every body the bakery takes is small; same in every shape"),
            Map.entry("STAFF_IDLE_TIMEOUT", "a shift; same in every shape"),
            Map.entry("STAFF_ABSOLUTE_TIMEOUT", "a shift and a half; same in every shape"),
            // No trace collector ships with the bakery: without one, trace ids still travel and are logged, nothing is exported.
            // Set it (e.g. http://otel-collector:4317) where a collector runs; see docs/operations.md.
            Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "no collector in the shipped shapes; set it where one runs"));

    /** Left to the default in docker-compose.yml only: the local, single-machine shape. */
    static final Map<String, String> COMPOSE_ONLY = Map.of(
            // Each replica is named by its container hostname, as `./bakery up` names nodes by port.
            "NODE_ID", "replicas take the container hostname",
            // A replica knows no address the others reach it at: drain from /ops is for the local stack and Kubernetes.
            "NODE_ADDRESS", "a replica knows no address of its own; drain workers with docker compose, not from /ops");

    /**
     * Left unset where the broker speaks plaintext on a network only the bakery reaches (compose, the dev cluster): no
     * Kafka user, no CA. Wherever BROKER_SECURITY_PROTOCOL is not PLAINTEXT, each must be set.
     */
    static final Map<String, String> WHERE_KAFKA_SPEAKS_PLAINTEXT = Map.of(
            "BROKER_USER", "no Kafka users on a plaintext broker",
            "BROKER_PASSWORD", "no Kafka users on a plaintext broker",
            "BROKER_CA_CERTIFICATES", "no TLS on a plaintext broker");

    private DeliberateDefaults() {
    }

    static Set<String> forCompose() {
        Set<String> all = new TreeSet<>(EVERYWHERE.keySet());
        all.addAll(COMPOSE_ONLY.keySet());
        all.addAll(WHERE_KAFKA_SPEAKS_PLAINTEXT.keySet());
        return all;
    }

    /** For a container whose environment is {@code env}. */
    static Set<String> forKubernetes(Map<String, String> env) {
        Set<String> all = new TreeSet<>(EVERYWHERE.keySet());
        if ("PLAINTEXT".equals(env.get("BROKER_SECURITY_PROTOCOL"))) {
            all.addAll(WHERE_KAFKA_SPEAKS_PLAINTEXT.keySet());
        }
        return all;
    }
}
