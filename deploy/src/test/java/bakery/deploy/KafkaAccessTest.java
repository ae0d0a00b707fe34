package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.contracts.Topics;

/**
 * Who may do what on Kafka: in prod every service signs in over TLS as its own SCRAM user whose ACLs allow
 * its topics and consumer group alone (docs/architecture.md's topic table, the services' channels); the
 * dev cluster speaks plaintext inside the namespace.
 */
class KafkaAccessTest {

    private static final String PROD = "prod";
    private static final Pattern TOPIC_ROW = Pattern.compile("^\\| `([a-z.]+)` \\| ([a-z-]+)");
    private static final String READ = "Read";
    private static final String WRITE = "Write";
    private static final String DESCRIBE = "Describe";

    @Test
    void prods_brokers_take_only_tls_connections_of_known_users() {
        JsonNode kafka = KubernetesOverlaysTest.kind(PROD, "Kafka").get(0).path("spec");
        assertThat(kafka.path("kafka").path("listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("listener %s encrypts", listener.path("name")).isTrue();
            assertThat(listener.path("authentication").path("type").asText()).as("listener %s signs in", listener.path("name"))
                    .isEqualTo("scram-sha-512");
        });
        assertThat(kafka.path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("entityOperator").has("userOperator")).as("KafkaUsers become SCRAM users").isTrue();
        assertThat(KubernetesOverlaysTest.kind(PROD, "KafkaUser")).extracting(u -> u.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    }

    @Test
    void each_service_signs_in_to_prods_kafka_as_its_own_user_and_trusts_the_cluster_ca() {
        String cluster = KubernetesOverlaysTest.kind(PROD, "Kafka").get(0).path("metadata").path("name").asText();
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            Map<String, String> env = KubernetesOverlaysTest.environment(PROD, service);
            assertThat(config.value("kafka.security.protocol", env, "PLAINTEXT")).as(service).isEqualTo("SASL_SSL");
            assertThat(config.value("kafka.sasl.mechanism", env, "")).as(service).isEqualTo("SCRAM-SHA-512");
            assertThat(config.value("kafka.ssl.truststore.type", env, "")).as(service).isEqualTo("PEM");
            assertThat(config.raw("kafka.ssl.truststore.certificates").orElse("")).contains("${BROKER_CA_CERTIFICATES");
            assertThat(config.value("kafka.sasl.jaas.config", env, "")).as(service)
                    .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                    .contains("username=\"" + service + "\"").contains("password=\"<secretKeyRef>\"");

            Map<String, JsonNode> secrets = secretRefs(PROD, service);
            assertThat(secrets.get("BROKER_PASSWORD")).as("%s password from its KafkaUser's Secret", service).isNotNull();
            assertThat(secrets.get("BROKER_PASSWORD").path("name").asText()).isEqualTo(service);
            assertThat(secrets.get("BROKER_PASSWORD").path("key").asText()).isEqualTo("password");
            assertThat(secrets.get("BROKER_CA_CERTIFICATES").path("name").asText()).isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(secrets.get("BROKER_CA_CERTIFICATES").path("key").asText()).isEqualTo("ca.crt");
            assertThat(secrets.values()).as("%s starts only once Strimzi made its Secrets", service)
                    .allMatch(ref -> !ref.path("optional").asBoolean(false));
        }
    }

    @Test
    void the_dev_cluster_speaks_plaintext_and_needs_no_kafka_user() {
        for (String service : Repo.SERVICES) {
            Map<String, String> env = KubernetesOverlaysTest.environment("dev", service);
            assertThat(AppConfig.of(service).value("kafka.security.protocol", env, "")).isEqualTo("PLAINTEXT");
            assertThat(secretRefs("dev", service).get("BROKER_PASSWORD").path("optional").asBoolean())
                    .as("%s starts without a KafkaUser Secret", service).isTrue();
        }
        assertThat(KubernetesOverlaysTest.kind("dev", "KafkaUser")).isEmpty();
        assertThat(KubernetesOverlaysTest.kind("dev", "Kafka").get(0).path("spec").path("kafka").has("authorization"))
                .isFalse();
    }

    @Test
    void each_kafka_user_may_use_its_services_topics_and_group_and_nothing_else() {
        Map<String, String> producers = producersFromTheTopicTable();
        Set<String> workerGroups = new TreeSet<>();
        for (String worker : Repo.WORKERS) {
            AppConfig.of(worker).incoming(KubernetesOverlaysTest.environment(PROD, worker))
                    .values().forEach(c -> workerGroups.add(c.group()));
        }
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            Map<String, String> env = KubernetesOverlaysTest.environment(PROD, service);
            Map<String, Set<String>> expected = new TreeMap<>();
            config.incoming(env).forEach((channel, consumer) -> {
                consumer.topics().forEach(t -> grant(expected, "topic " + t + " literal", READ, DESCRIBE));
                grant(expected, groupResource(config, channel, consumer.group()), READ);
            });
            producers.forEach((topic, producer) -> {
                if (producer.equals(service)) {
                    grant(expected, "topic " + topic + " literal", WRITE, DESCRIBE);
                }
            });
            config.outgoingTopics(env).values().forEach(t -> assertThat(producers.get(t))
                    .as("%s writes %s: the topic table must say so", service, t).isEqualTo(service));
            config.deadLetterTopics(env).values().forEach(t -> grant(expected, "topic " + t + " literal", WRITE, DESCRIBE));
            if (service.equals("web-tier")) {
                // The ops console: offsets of every bakery topic, members and lag of every worker group; no record.
                Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(Topics::deadLetter))
                        .forEach(t -> grant(expected, "topic " + t + " literal", DESCRIBE));
                workerGroups.forEach(g -> grant(expected, "group " + g + " literal", DESCRIBE));
            }

            assertThat(acls(service)).as("ACLs of KafkaUser %s", service).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void keda_reads_each_workers_lag_with_that_workers_own_sign_in(String overlay) {
        for (String worker : Repo.WORKERS) {
            JsonNode trigger = KubernetesOverlaysTest.triggers(
                    KubernetesOverlaysTest.named(overlay, "ScaledObject", worker).path("spec"), "kafka").get(0);
            if (!overlay.equals(PROD)) {
                assertThat(trigger.has("authenticationRef")).isFalse();
                assertThat(trigger.path("metadata").has("sasl")).isFalse();
                continue;
            }
            assertThat(trigger.path("metadata").path("sasl").asText()).as(worker).isEqualTo("scram_sha512");
            assertThat(trigger.path("metadata").path("tls").asText()).as(worker).isEqualTo("enable");
            JsonNode auth = KubernetesOverlaysTest.named(overlay, "TriggerAuthentication",
                    trigger.path("authenticationRef").path("name").asText()).path("spec");
            Map<String, String> params = new HashMap<>();
            auth.path("env").forEach(e -> params.put(e.path("parameter").asText(), e.path("name").asText()));
            assertThat(params).containsOnlyKeys("username", "password", "ca");
            Map<String, String> env = KubernetesOverlaysTest.environment(overlay, worker);
            assertThat(env).as("%s's container has what KEDA reads", worker)
                    .containsKeys(params.values().toArray(String[]::new));
            assertThat(env.get(params.get("username"))).isEqualTo(worker);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void no_container_has_a_kafka_variable_besides_the_bootstrap_servers(String overlay) {
        for (ObjectNode deployment : KubernetesOverlaysTest.kind(overlay, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            if (Repo.SERVICES.contains(name)) {
                assertThat(KubernetesOverlaysTest.environment(overlay, name).keySet())
                        .as("%s: Quarkus hands every KAFKA_* variable to each channel", name)
                        .allMatch(v -> !v.startsWith("KAFKA_") || v.equals("KAFKA_BOOTSTRAP_SERVERS"));
            }
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Topic to the service that writes it, from docs/architecture.md. */
    private static Map<String, String> producersFromTheTopicTable() {
        Map<String, String> producers = new TreeMap<>();
        for (String line : Repo.read(Repo.file("docs/architecture.md")).lines().toList()) {
            Matcher row = TOPIC_ROW.matcher(line);
            if (row.find()) {
                producers.put(row.group(1), row.group(2));
            }
        }
        assertThat(producers.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        return producers;
    }

    /** A group the channel names outright, or the fixed start of one made per node (web-${node}-${uuid}). */
    private static String groupResource(AppConfig config, String channel, String group) {
        String raw = config.raw("mp.messaging.incoming." + channel + ".group.id").orElse(group);
        int expression = raw.indexOf("${");
        return expression < 0 ? "group " + group + " literal" : "group " + raw.substring(0, expression) + " prefix";
    }

    private static void grant(Map<String, Set<String>> acls, String resource, String... operations) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    private static Map<String, Set<String>> acls(String user) {
        JsonNode spec = KubernetesOverlaysTest.named(PROD, "KafkaUser", user).path("spec");
        assertThat(spec.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
        Map<String, Set<String>> acls = new TreeMap<>();
        for (JsonNode acl : spec.path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            assertThat(resource.path("name").asText()).as("%s names what it grants", user).isNotIn("*", "");
            assertThat(acl.path("host").asText("*")).isEqualTo("*");
            assertThat(acl.path("operations")).as("%s grants %s something", user, resource).isNotEmpty();
            acl.path("operations").forEach(o -> grant(acls,
                    resource.path("type").asText() + " " + resource.path("name").asText() + " "
                            + resource.path("patternType").asText("literal"),
                    o.asText()));
        }
        return acls;
    }

    private static Map<String, JsonNode> secretRefs(String overlay, String service) {
        Map<String, JsonNode> refs = new HashMap<>();
        for (JsonNode e : KubernetesOverlaysTest.container(overlay, service).path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(e.path("name").asText(), ref);
            }
        }
        return refs;
    }
}
