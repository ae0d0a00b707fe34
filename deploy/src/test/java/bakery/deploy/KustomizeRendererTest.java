package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overlays the other tests check are rendered by {@link Kustomize}; where kubectl is installed,
 * its kustomize must render exactly the same resources (up to the hash in generated names).
 */
class KustomizeRendererTest {

    private static final Pattern GENERATED_NAME = Pattern.compile("(bakery-config)-[a-z0-9]{10}\\b");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void renderer_builds_what_kubectl_kustomize_builds(String overlay) {
        Optional<List<ObjectNode>> real = Kustomize.kubectl(Repo.file("deploy/k8s/overlays/" + overlay));
        assumeTrue(real.isPresent(), "kubectl is not installed: the renderer alone renders the overlays");

        Map<String, String> expected = byIdentity(real.get());
        Map<String, String> rendered = byIdentity(Kustomize.build(Repo.file("deploy/k8s/overlays/" + overlay)));

        assertThat(rendered.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, resource) -> assertThat(rendered.get(id)).as(id).isEqualTo(resource));
    }

    private static Map<String, String> byIdentity(List<ObjectNode> resources) {
        Map<String, String> byId = new TreeMap<>();
        for (ObjectNode r : resources) {
            String text = GENERATED_NAME.matcher(canonical(r).toString()).replaceAll("$1-HASH");
            JsonNode meta = r.path("metadata");
            String name = GENERATED_NAME.matcher(meta.path("name").asText()).replaceAll("$1-HASH");
            byId.put(r.path("kind").asText() + "/" + meta.path("namespace").asText() + "/" + name, text);
        }
        return byId;
    }

    /** Field order differs between the two; the content must not. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = Repo.JSON.createObjectNode();
            toMap(node).forEach((k, v) -> sorted.set(k, canonical(v)));
            return sorted;
        }
        if (node.isArray()) {
            var array = Repo.JSON.createArrayNode();
            node.forEach(item -> array.add(canonical(item)));
            return array;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
