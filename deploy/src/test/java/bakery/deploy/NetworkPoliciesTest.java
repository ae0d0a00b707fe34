package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NetworkPolicies of each overlay, resolved to the connections they allow between the pods of the
 * namespace and the world: nothing by default, then exactly the flows of docs/architecture.md, on the
 * ports the services' configuration names.
 */
class NetworkPoliciesTest {

    /** Strimzi's broker pods are not in the manifests (the operator makes them): their labels. */
    private static final String KAFKA = "kafka";
    private static final ObjectNode BROKER_LABELS = Repo.JSON.createObjectNode().put("strimzi.io/cluster", "bakery")
            .put("strimzi.io/broker-role", "true");
    private static final String ANYWHERE = "*";
    private static final String INGRESS_CONTROLLER = "ingress-nginx/ingress-nginx";
    private static final String PROMETHEUS = "monitoring/prometheus";
    private static final String DNS = "kube-system/kube-dns";
    private static final String KEDA = "keda/keda-operator";

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void the_namespace_refuses_every_connection_no_policy_allows(String overlay) {
        List<ObjectNode> denyAll = KubernetesOverlaysTest.kind(overlay, "NetworkPolicy").stream()
                .filter(p -> p.path("spec").path("podSelector").isEmpty()
                        && p.path("spec").path("policyTypes").toString().contains("Ingress")
                        && p.path("spec").path("policyTypes").toString().contains("Egress")
                        && !p.path("spec").has("ingress") && !p.path("spec").has("egress"))
                .toList();
        assertThat(denyAll).as("a default-deny policy in %s", overlay).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_pod_makes_and_takes_only_the_connections_of_the_architecture(String overlay) {
        Map<String, String> web = KubernetesOverlaysTest.environment(overlay, "web-tier");
        Map<String, String> orders = KubernetesOverlaysTest.environment(overlay, "order-service");
        Map<String, String> notifier = KubernetesOverlaysTest.environment(overlay, "notification-worker");
        String kafka = KAFKA + ":" + port(web.get("KAFKA_BOOTSTRAP_SERVERS"));
        String redis = ANYWHERE + ":" + URI.create(web.get("REDIS_URL")).getPort();
        String postgres = ANYWHERE + ":" + URI.create(orders.get("DB_URL")).getPort();
        String smtp = ANYWHERE + ":" + notifier.get("SMTP_PORT");
        String dns = DNS + ":53";

        Set<String> expected = new TreeSet<>();
        // Customers and staff through the ingress controller; Prometheus on every management port.
        expected.add(INGRESS_CONTROLLER + " -> web-tier:" + httpPort(overlay, "web-tier"));
        for (String service : Repo.SERVICES) {
            expected.add(PROMETHEUS + " -> " + service + ":" + managementPort(overlay, service));
            expected.add(service + " -> " + dns);
            expected.add(service + " -> " + kafka);
        }
        // order-service's query API for the web tier only, on both ends.
        expected.add("web-tier -> order-service:" + httpPort(overlay, "order-service"));
        expected.add("web-tier => order-service:" + httpPort(overlay, "order-service"));
        // The ops console drains and undrains order-service and the workers on their management port, on both ends.
        for (String worker : List.of("order-service", "baking-worker", "notification-worker")) {
            expected.add("web-tier -> " + worker + ":" + managementPort(overlay, worker));
            expected.add("web-tier => " + worker + ":" + managementPort(overlay, worker));
        }
        // Redis for sessions and carts, oven leases, sent-mail claims and every node's heartbeat; PostgreSQL for
        // order-service; SMTP for the notifier.
        for (String user : Repo.SERVICES) {
            expected.add(user + " -> " + redis);
        }
        expected.add("order-service -> " + postgres);
        expected.add("notification-worker -> " + smtp);
        if (overlay.equals("dev")) {
            // The in-cluster stand-ins take exactly their users, and call nobody but DNS.
            for (String user : Repo.SERVICES) {
                expected.add(user + " => redis:6379");
            }
            expected.add("order-service => postgres:5432");
            expected.add("notification-worker => smtp:1025");
            for (String standIn : List.of("redis", "postgres", "smtp")) {
                expected.add(standIn + " -> " + dns);
            }
        }

        assertThat(allowed(overlay)).as("connections the NetworkPolicies of %s allow (a -> b: a may send; a => b: b takes it)",
                overlay).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void the_brokers_take_the_four_services_and_keda_on_the_listener_they_use(String overlay) {
        JsonNode listeners = KubernetesOverlaysTest.kind(overlay, "Kafka").get(0).path("spec").path("kafka").path("listeners");
        int bootstrap = port(KubernetesOverlaysTest.environment(overlay, "web-tier").get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(listeners).hasSize(1);
        JsonNode listener = listeners.get(0);
        assertThat(listener.path("port").asInt()).isEqualTo(bootstrap);
        Set<String> peers = new TreeSet<>();
        for (JsonNode peer : listener.path("networkPolicyPeers")) {
            peers.addAll(peers(overlay, peer));
        }
        assertThat(peers).containsExactlyInAnyOrder("web-tier", "order-service", "baking-worker", "notification-worker", KEDA);
    }

    // ---- what the policies allow ----------------------------------------------------------------

    /** Every connection allowed: "a -> b:port" on a's egress side, "a => b:port" on b's ingress side from the namespace. */
    private static Set<String> allowed(String overlay) {
        Set<String> flows = new TreeSet<>();
        for (ObjectNode policy : KubernetesOverlaysTest.kind(overlay, "NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            for (ObjectNode deployment : KubernetesOverlaysTest.kind(overlay, "Deployment")) {
                if (!selects(spec.path("podSelector"), podLabels(deployment))) {
                    continue;
                }
                String self = deployment.path("metadata").path("name").asText();
                for (JsonNode rule : spec.path("ingress")) {
                    for (String source : peers(overlay, rule.path("from"))) {
                        for (String port : ports(rule.path("ports"), deployment)) {
                            boolean outside = source.contains("/");
                            flows.add(source + (outside ? " -> " : " => ") + self + ":" + port);
                        }
                    }
                }
                for (JsonNode rule : spec.path("egress")) {
                    for (String target : rule.has("to") ? peers(overlay, rule.path("to")) : List.of(ANYWHERE)) {
                        for (String port : ports(rule.path("ports"), deploymentOrNull(overlay, target))) {
                            flows.add(self + " -> " + target + ":" + port);
                        }
                    }
                }
            }
        }
        return flows;
    }

    /** The pods a list of peers (or one peer) names: Deployments and brokers here, namespace/app elsewhere. */
    private static List<String> peers(String overlay, JsonNode peerOrList) {
        List<String> names = new ArrayList<>();
        List<JsonNode> peers = new ArrayList<>();
        if (peerOrList.isArray()) {
            peerOrList.forEach(peers::add);
        } else {
            peers.add(peerOrList);
        }
        for (JsonNode peer : peers) {
            assertThat(peer.has("ipBlock")).as("an ipBlock peer %s", peer).isFalse();
            if (peer.has("namespaceSelector")) {
                String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                        .asText();
                assertThat(namespace).as("namespace of %s named exactly", peer).isNotEmpty();
                JsonNode app = peer.path("podSelector").path("matchLabels");
                String pods = app.path("app.kubernetes.io/name").asText(app.path("k8s-app").asText());
                assertThat(pods).as("pods of %s named exactly", peer).isNotEmpty();
                names.add(namespace + "/" + pods);
                continue;
            }
            JsonNode selector = peer.path("podSelector");
            assertThat(selector.isEmpty()).as("a peer selecting every pod of the namespace: %s", peer).isFalse();
            for (ObjectNode deployment : KubernetesOverlaysTest.kind(overlay, "Deployment")) {
                if (selects(selector, podLabels(deployment))) {
                    names.add(deployment.path("metadata").path("name").asText());
                }
            }
            if (selects(selector, BROKER_LABELS)) {
                names.add(KAFKA);
            }
        }
        return names;
    }

    /** Port numbers of a rule; a named port is looked up on the pod that owns it (absent: any port). */
    private static List<String> ports(JsonNode ports, JsonNode deployment) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return List.of("any");
        }
        Set<String> numbers = new TreeSet<>();
        for (JsonNode port : ports) {
            JsonNode value = port.path("port");
            numbers.add(value.isInt() ? value.asText()
                    : String.valueOf(KubernetesOverlaysTest.port(containerWithPort(deployment, value.asText()), value)));
        }
        return List.copyOf(numbers);
    }

    private static JsonNode containerWithPort(JsonNode deployment, String name) {
        assertThat(deployment).as("named port %s on a pod we know", name).isNotNull();
        return Kustomize.containers(deployment).stream()
                .filter(c -> c.path("ports").findValuesAsText("name").contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.path("metadata").path("name") + " has no port " + name));
    }

    private static JsonNode deploymentOrNull(String overlay, String name) {
        return KubernetesOverlaysTest.kind(overlay, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }

    private static JsonNode podLabels(JsonNode deployment) {
        return deployment.path("spec").path("template").path("metadata").path("labels");
    }

    /** A label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); empty selects everything. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> wanted = it.next();
            if (!wanted.getValue().asText().equals(labels.path(wanted.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = textList(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static int httpPort(String overlay, String service) {
        return AppConfig.of(service).httpPort(KubernetesOverlaysTest.environment(overlay, service));
    }

    private static int managementPort(String overlay, String service) {
        return AppConfig.of(service).healthPort(KubernetesOverlaysTest.environment(overlay, service));
    }
}
