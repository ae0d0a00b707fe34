package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both overlays as docs/upgrades.md promises them: no rollout takes a pod away before its successor is ready, the
 * schema is migrated once by a Job and never by the nodes, a pod can be taken out of rotation by a label, and every
 * pod's logs leave the machine through a shipper before the pod goes.
 */
class UpgradesOnKubernetesTest {

    private static final String ROTATION = "bakery.fadu/rotation";
    private static final List<String> IN_ROTATION = List.of("web-tier", "order-service");
    private static final String MIGRATION = "order-service-migrate";
    private static final String SHIPPER = "fluent-bit";

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_rollout_starts_the_new_pod_before_it_stops_an_old_one(String overlay) {
        List<ObjectNode> rolled = new ArrayList<>(KubernetesOverlaysTest.kind(overlay, "Deployment"));
        rolled.addAll(KubernetesOverlaysTest.kind(overlay, "DaemonSet"));
        for (ObjectNode workload : rolled) {
            String name = workload.path("metadata").path("name").asText();
            boolean daemon = workload.path("kind").asText().equals("DaemonSet");
            JsonNode strategy = workload.path("spec").path(daemon ? "updateStrategy" : "strategy");
            int replicas = workload.path("spec").path("replicas").asInt(1);
            assertThat(strategy.path("type").asText("RollingUpdate")).as("%s %s update type", overlay, name)
                    .isEqualTo("RollingUpdate");
            JsonNode maxUnavailable = strategy.path("rollingUpdate").path("maxUnavailable");
            if (Repo.SERVICES.contains(name) || daemon) {
                assertThat(maxUnavailable.isMissingNode()).as("%s %s states maxUnavailable", overlay, name).isFalse();
                assertThat(strategy.path("rollingUpdate").path("maxSurge").asInt()).as("%s %s maxSurge", overlay, name)
                        .isPositive();
            }
            assertThat(podsDown(maxUnavailable, replicas)).as("%s %s pods a rollout may take down", overlay, name).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void a_pod_is_in_rotation_only_while_ready(String overlay) {
        for (ObjectNode deployment : KubernetesOverlaysTest.kind(overlay, "Deployment")) {
            for (ObjectNode container : Kustomize.containers(deployment)) {
                assertThat(container.has("readinessProbe")).as("%s %s readinessProbe", overlay,
                        deployment.path("metadata").path("name").asText()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void the_schema_is_migrated_once_by_a_job_and_never_by_the_nodes(String overlay) {
        ObjectNode job = KubernetesOverlaysTest.named(overlay, "Job", MIGRATION);
        JsonNode pod = job.path("spec").path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        ObjectNode migrate = Kustomize.containers(job).get(0);
        ObjectNode node = KubernetesOverlaysTest.container(overlay, "order-service");
        assertThat(migrate.path("image").asText()).as("the release's own order-service image")
                .isEqualTo(node.path("image").asText());

        Map<String, String> migrateEnv = environment(overlay, migrate);
        Map<String, String> nodeEnv = environment(overlay, node);
        AppConfig orders = AppConfig.of("order-service");
        assertThat(orders.value("quarkus.flyway.migrate-at-start", migrateEnv, "?")).as("the Job migrates").isEqualTo("true");
        assertThat(migrateEnv).containsEntry("QUARKUS_INIT_AND_EXIT", "true");
        assertThat(orders.value("quarkus.flyway.migrate-at-start", nodeEnv, "?")).as("a node migrates").isEqualTo("false");
        assertThat(nodeEnv).as("a node of a release whose migration has not run refuses to start")
                .containsEntry("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");
        for (String key : List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password")) {
            assertThat(orders.value(key, migrateEnv, "?")).as("the Job's %s", key).isEqualTo(orders.value(key, nodeEnv, "!"));
        }

        String postgresPort = String.valueOf(URI.create(nodeEnv.get("DB_URL")).getPort());
        boolean reachesPostgres = KubernetesOverlaysTest.kind(overlay, "NetworkPolicy").stream()
                .filter(p -> selects(p.path("spec").path("podSelector"), job.path("spec").path("template").path("metadata")
                        .path("labels")))
                .flatMap(p -> stream(p.path("spec").path("egress")))
                .anyMatch(rule -> rule.path("ports").findValuesAsText("port").contains(postgresPort));
        assertThat(reachesPostgres).as("a NetworkPolicy lets the Job reach PostgreSQL on %s", postgresPort).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void a_relabelled_pod_leaves_its_service_but_stays_in_its_deployment(String overlay) {
        String operations = Repo.read(Repo.file("docs/operations.md"));
        for (String service : IN_ROTATION) {
            ObjectNode deployment = KubernetesOverlaysTest.deployment(overlay, service);
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            assertThat(podLabels.path(ROTATION).asText()).as("%s pods start in rotation", service).isEqualTo("serving");
            assertThat(KubernetesOverlaysTest.named(overlay, "Service", service).path("spec").path("selector")
                    .path(ROTATION).asText()).as("%s Service selects on the rotation label", service).isEqualTo("serving");
            assertThat(deployment.path("spec").path("selector").path("matchLabels").has(ROTATION))
                    .as("%s: a drained pod stays its Deployment's, so it is neither replaced nor deleted", service).isFalse();
            JsonNode pdb = KubernetesOverlaysTest.named(overlay, "PodDisruptionBudget", service);
            assertThat(pdb.path("spec").path("selector").path("matchLabels").has(ROTATION)).isFalse();
        }
        assertThat(operations).contains("label pod", ROTATION + "=drained --overwrite", ROTATION + "=serving --overwrite");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void a_log_shipper_on_every_machine_reads_the_pods_logs_before_they_go(String overlay) {
        ObjectNode shipper = KubernetesOverlaysTest.named(overlay, "DaemonSet", SHIPPER);
        ObjectNode container = Kustomize.containers(shipper).get(0);
        assertThat(container.has("readinessProbe")).isTrue();
        assertThat(shipper.path("spec").path("template").path("spec").path("volumes").findValuesAsText("path"))
                .contains("/var/log");
        String config = KubernetesOverlaysTest.named(overlay, "ConfigMap", SHIPPER).path("data").path("fluent-bit.conf")
                .asText();
        assertThat(setting(config, "Name", "opentelemetry")).as("sends over OTLP").isTrue();
        assertThat(config).contains("Path              /var/log/containers/*_${POD_NAMESPACE}_*.log");

        Duration shipped = Duration.ofSeconds(number(config, "Flush") + number(config, "Refresh_Interval"));
        for (String service : Repo.SERVICES) {
            JsonNode preStop = KubernetesOverlaysTest.container(overlay, service).path("lifecycle").path("preStop");
            assertThat(preStop.isMissingNode()).as("%s preStop", service).isFalse();
            Duration pause = preStop.has("sleep") ? Duration.ofSeconds(preStop.path("sleep").path("seconds").asLong())
                    : AppConfig.parseDuration(preStop.path("exec").path("command").get(1).asText());
            assertThat(pause).as("%s is held until the shipper has read what it wrote", service)
                    .isGreaterThan(shipped);
        }
    }

    // --- reading the rendered overlay ------------------------------------------------------------

    /** Pods a rollout may have down at once: maxUnavailable as a number, or a percentage rounded down (25% if unset). */
    private static int podsDown(JsonNode maxUnavailable, int replicas) {
        String value = maxUnavailable.isMissingNode() ? "25%" : maxUnavailable.asText();
        return value.endsWith("%") ? Integer.parseInt(value.replace("%", "")) * replicas / 100 : Integer.parseInt(value);
    }

    private static Map<String, String> environment(String overlay, ObjectNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            KubernetesOverlaysTest.named(overlay, "ConfigMap", from.path("configMapRef").path("name").asText()).path("data")
                    .fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText()
                    : secret.isMissingNode() ? "<" + e.path("valueFrom").toString() + ">"
                            : "<secret " + secret.path("name").asText() + " " + secret.path("key").asText() + ">");
        }
        return env;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            return false;
        }
        JsonNode match = selector.path("matchLabels");
        List<Boolean> all = new ArrayList<>();
        match.fields().forEachRemaining(l -> all.add(labels.path(l.getKey()).equals(l.getValue())));
        return !all.isEmpty() && !all.contains(false);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static boolean setting(String config, String key, String value) {
        return Pattern.compile("(?m)^\\s*" + key + "\\s+" + Pattern.quote(value) + "\\s*$").matcher(config).find();
    }

    private static long number(String config, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s+(\\d+)\\s*$").matcher(config);
        assertThat(m.find()).as("%s in the shipper's configuration", key).isTrue();
        return Long.parseLong(m.group(1));
    }
}
