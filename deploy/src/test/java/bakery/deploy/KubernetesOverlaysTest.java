package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.contracts.Topics;
import bakery.contracts.scaling.WorkerScaling;

/**
 * Both overlays, rendered as kustomize renders them, against the services' own configuration and the shipped scaling rules
 * (contracts' scaling.properties; the scalers themselves against deploy/scaling.yaml in ScalingPolicyOnKubernetesTest).
 */
class KubernetesOverlaysTest {

    /** Time between the drain's end and the kubelet's SIGKILL: log flushing, a slow Kafka close. */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.build(Repo.file("deploy/k8s/overlays/" + o)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_variable_the_services_read_is_set_or_deliberately_defaulted(String overlay) {
        for (String service : Repo.SERVICES) {
            Set<String> missing = new TreeSet<>(AppConfig.of(service).environmentVariables());
            Map<String, String> env = environment(overlay, service);
            missing.removeAll(env.keySet());
            missing.removeAll(DeliberateDefaults.forKubernetes(env));
            assertThat(missing).as("variables %s reads that overlay %s leaves unset", service, overlay).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void probes_ask_the_health_endpoints_each_service_serves(String overlay) {
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            assertThat(config.declaresItsPort()).as("%s sets quarkus.http.port", service).isTrue();
            Map<String, String> env = environment(overlay, service);
            JsonNode container = container(overlay, service);
            Map<String, String> probes = Map.of("startupProbe", "started", "readinessProbe", "ready", "livenessProbe", "live");
            probes.forEach((probe, kind) -> {
                JsonNode get = container.path(probe).path("httpGet");
                assertThat(get.path("path").asText()).as("%s %s %s", overlay, service, probe)
                        .isEqualTo(config.healthPath(kind, env));
                assertThat(port(container, get.path("port"))).as("%s %s %s port", overlay, service, probe)
                        .isEqualTo(config.healthPort(env));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void termination_grace_outlasts_pre_stop_and_the_drain(String overlay) {
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            Map<String, String> env = environment(overlay, service);
            JsonNode preStop = container(overlay, service).path("lifecycle").path("preStop");
            Duration pause = preStop.has("sleep") ? Duration.ofSeconds(preStop.path("sleep").path("seconds").asLong())
                    : preStop.path("exec").path("command").get(0).asText().equals("sleep")
                            ? AppConfig.parseDuration(preStop.path("exec").path("command").get(1).asText())
                            : Duration.ZERO;
            assertThat(pause).as("%s preStop pause", service).isPositive();
            Duration needed = pause.plus(config.duration("quarkus.shutdown.delay", env, "0s"))
                    .plus(config.duration("quarkus.shutdown.timeout", env, "30s")).plus(DRAIN_MARGIN);
            long grace = deployment(overlay, service).path("spec").path("template").path("spec")
                    .path("terminationGracePeriodSeconds").asLong(30);
            assertThat(Duration.ofSeconds(grace)).as("%s %s terminationGracePeriodSeconds", overlay, service)
                    .isGreaterThanOrEqualTo(needed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_container_has_requests_and_limits(String overlay) {
        for (ObjectNode deployment : kind(overlay, "Deployment")) {
            for (ObjectNode container : Kustomize.containers(deployment)) {
                JsonNode resources = container.path("resources");
                String name = deployment.path("metadata").path("name").asText();
                assertThat(resources.path("requests").has("cpu")).as("%s cpu request", name).isTrue();
                assertThat(resources.path("requests").has("memory")).as("%s memory request", name).isTrue();
                assertThat(resources.path("limits").has("memory")).as("%s memory limit", name).isTrue();
                assertThat(mebibytes(resources.path("limits").path("memory").asText()))
                        .isGreaterThanOrEqualTo(mebibytes(resources.path("requests").path("memory").asText()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void each_service_has_a_service_and_a_disruption_budget_that_select_its_pods(String overlay) {
        for (String service : Repo.SERVICES) {
            JsonNode podLabels = deployment(overlay, service).path("spec").path("template").path("metadata").path("labels");
            JsonNode svc = named(overlay, "Service", service);
            svc.path("spec").path("selector").fields().forEachRemaining(l -> assertThat(podLabels.path(l.getKey()))
                    .as("%s Service selects its pods", service).isEqualTo(l.getValue()));
            assertThat(svc.path("spec").path("ports").findValuesAsText("targetPort")).as("%s Service ports", service)
                    .containsExactly("http");
            JsonNode pdb = named(overlay, "PodDisruptionBudget", service);
            pdb.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(
                    l -> assertThat(podLabels.path(l.getKey())).as("%s PDB selects its pods", service).isEqualTo(l.getValue()));
            assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void web_tier_is_reached_through_the_ingress_and_scales_on_cpu(String overlay) {
        JsonNode backend = named(overlay, "Ingress", "web-tier").path("spec").path("rules").get(0)
                .path("http").path("paths").get(0).path("backend").path("service");
        assertThat(backend.path("name").asText()).isEqualTo("web-tier");
        assertThat(named(overlay, "Service", "web-tier").path("spec").path("ports").findValuesAsText("name"))
                .contains(backend.path("port").path("name").asText());

        JsonNode hpa = named(overlay, "HorizontalPodAutoscaler", "web-tier").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo("web-tier");
        assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.path("metrics").get(0).path("resource").path("name").asText()).isEqualTo("cpu");
        assertThat(container(overlay, "web-tier").path("resources").path("requests").has("cpu"))
                .as("CPU utilisation needs a CPU request").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void consumer_groups_and_topics_are_the_ones_the_workers_consume(String overlay) {
        List<String> notYetConsuming = new ArrayList<>();
        for (WorkerScaling rule : WorkerScaling.shipped().values()) {
            Map<String, AppConfig.Consumer> channels = AppConfig.of(rule.worker())
                    .incoming(environment(overlay, rule.worker()));
            if (channels.isEmpty()) {
                notYetConsuming.add(rule.worker());
                continue;
            }
            Set<String> groups = new TreeSet<>();
            Set<String> topics = new TreeSet<>();
            Set<String> resets = new TreeSet<>();
            channels.values().forEach(c -> {
                groups.add(c.group());
                topics.addAll(c.topics());
                resets.add(c.offsetReset());
            });
            assertThat(groups).as("%s consumer groups", rule.worker()).containsExactly(rule.consumerGroup());
            assertThat(topics).as("%s topics", rule.worker()).containsExactlyInAnyOrderElementsOf(rule.topics());
            String keda = triggers(named(overlay, "ScaledObject", rule.worker()).path("spec"), "kafka").get(0)
                    .path("metadata").path("offsetResetPolicy").asText();
            assertThat(resets).as("%s auto.offset.reset as KEDA assumes it", rule.worker()).containsExactly(keda);
        }
        assumeTrue(notYetConsuming.isEmpty(), "no Kafka consumer configured yet in " + notYetConsuming);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void kafka_topics_have_the_partitions_the_services_expect_and_bound_the_workers(String overlay) {
        JsonNode kafka = kind(overlay, "Kafka").get(0);
        String cluster = kafka.path("metadata").path("name").asText();
        Map<String, Integer> partitions = new TreeMap<>();
        for (ObjectNode topic : kind(overlay, "KafkaTopic")) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
            partitions.put(topic.path("spec").path("topicName").asText(), topic.path("spec").path("partitions").asInt());
        }
        List<String> expected = Topics.ALL.stream().flatMap(t -> Stream.of(t, Topics.deadLetter(t))).toList();
        assertThat(partitions.keySet()).containsExactlyInAnyOrderElementsOf(expected);

        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            Map<String, String> env = environment(overlay, service);
            assertThat(config.value("bakery.kafka.create-topics", env, "true")).as("%s leaves topics to Strimzi", service)
                    .isEqualTo("false");
            for (String topic : expected) {
                String count = config.value("bakery.kafka.partitions-by-topic.\"" + topic + "\"", env)
                        .orElseGet(() -> config.value("bakery.kafka.partitions", env, "12"));
                assertThat(partitions.get(topic)).as("%s partitions as %s sees them", topic, service)
                        .isEqualTo(Integer.parseInt(count));
            }
            assertThat(kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asText())
                    .as("replication factor as %s sees it", service)
                    .isEqualTo(config.value("bakery.kafka.replication-factor", env, "1"));
        }
        int brokers = kind(overlay, "KafkaNodePool").stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        assertThat(brokers).isGreaterThanOrEqualTo(
                kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asInt());

        for (WorkerScaling rule : WorkerScaling.shipped().values()) {
            int widest = rule.topics().stream().mapToInt(partitions::get).max().orElseThrow();
            assertThat(named(overlay, "ScaledObject", rule.worker()).path("spec").path("maxReplicaCount").asInt())
                    .as("%s maxReplicaCount against %d partitions", rule.worker(), widest).isLessThanOrEqualTo(widest);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void images_are_the_ones_the_bake_file_builds(String overlay) {
        Map<String, String> baked = ContainerImageTest.bakedImages();
        for (String service : Repo.SERVICES) {
            String image = container(overlay, service).path("image").asText();
            String repository = image.substring(0,
                    image.lastIndexOf(':') > image.lastIndexOf('/') ? image.lastIndexOf(':') : image.length());
            String bakedRepository = baked.get(service).substring(0, baked.get(service).lastIndexOf(':'));
            assertThat(repository.equals(bakedRepository) || repository.endsWith("/" + bakedRepository))
                    .as("%s image %s is a push of %s", service, image, bakedRepository).isTrue();
            assertThat(image).as("%s image pinned to a tag", service).doesNotEndWith(":latest").contains(":");
        }
    }

    @Test
    void no_secret_value_is_committed() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            assertThat(kind(overlay, "Secret")).as("Secrets in %s", overlay).isEmpty();
        }
        try (Stream<Path> files = Files.walk(Repo.file("deploy/k8s"))) {
            files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(k -> assertThat(Repo.yaml(k).has("secretGenerator")).as("%s", k).isFalse());
        }
        // Every Secret the pods read is one docs/deployment.md tells ops to create, key by key, or one Strimzi makes:
        // a KafkaUser's password, the cluster CA's certificate.
        String guide = Repo.read(Repo.file("docs/deployment.md"));
        Set<String> strimzi = new HashSet<>();
        kind("prod", "KafkaUser").forEach(u -> strimzi.add(u.path("metadata").path("name").asText() + " password"));
        kind("prod", "Kafka").forEach(k -> strimzi.add(k.path("metadata").path("name").asText() + "-cluster-ca-cert ca.crt"));
        Set<String> refs = new HashSet<>();
        for (ObjectNode deployment : kind("prod", "Deployment")) {
            for (ObjectNode container : Kustomize.containers(deployment)) {
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        refs.add(ref.path("name").asText() + " " + ref.path("key").asText());
                    }
                }
            }
        }
        assertThat(refs).isNotEmpty();
        refs.removeAll(strimzi);
        for (String ref : refs) {
            String[] nameKey = ref.split(" ");
            assertThat(guide).contains("create secret generic " + nameKey[0]).contains("--from-literal=" + nameKey[1] + "=");
        }
    }

    // --- reading the rendered overlay ------------------------------------------------------------

    static List<ObjectNode> kind(String overlay, String kind) {
        return render(overlay).stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    static ObjectNode named(String overlay, String kind, String name) {
        return kind(overlay, kind).stream().filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + kind + " " + name));
    }

    static ObjectNode deployment(String overlay, String service) {
        return named(overlay, "Deployment", service);
    }

    static ObjectNode container(String overlay, String service) {
        return Kustomize.containers(deployment(overlay, service)).stream()
                .filter(c -> c.path("name").asText().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no container named " + service));
    }

    /**
     * The container's environment: its env entries (values from Secrets and fields stand as placeholders) and its envFrom
     * ConfigMaps.
     */
    static Map<String, String> environment(String overlay, String service) {
        Map<String, String> env = new HashMap<>();
        ObjectNode container = container(overlay, service);
        for (JsonNode from : container.path("envFrom")) {
            assertThat(from.has("secretRef")).as("%s: Secrets by key (secretKeyRef), so every variable is named", service)
                    .isFalse();
            named(overlay, "ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(),
                    e.has("value") ? e.path("value").asText() : "<" + e.path("valueFrom").fieldNames().next() + ">");
        }
        return env;
    }

    static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    static List<JsonNode> triggers(JsonNode spec, String type) {
        List<JsonNode> found = new ArrayList<>();
        spec.path("triggers").forEach(t -> {
            if (t.path("type").asText().equals(type)) {
                found.add(t);
            }
        });
        return found;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.replace("Gi", "")) * 1024;
        }
        return Long.parseLong(quantity.replace("Mi", ""));
    }
}
