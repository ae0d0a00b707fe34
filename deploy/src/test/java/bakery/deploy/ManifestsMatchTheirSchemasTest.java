package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a cluster would be given, checked against the schemas the API server and the Strimzi operator use. */
class ManifestsMatchTheirSchemasTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: oven
            spec:
              replicas: %s
              selector:
                matchLabels: {app: oven}
              template:
                metadata:
                  labels: {app: oven}
                spec:
                  containers:
                    - name: oven
                      image: fadu-bakery/baking-worker:1
                      %s
            """;

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_object_an_overlay_renders_reads_into_its_model(String overlay) {
        List<ObjectNode> objects = Kustomize.build(Repo.file("deploy/k8s/overlays/" + overlay));
        assertThat(objects).as("rendered objects").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(ManifestSchemas.problems(o)));
        assertThat(problems).as("%s overlay", overlay).isEmpty();
    }

    @Test
    void a_misspelt_field_or_a_value_of_the_wrong_type_is_refused() {
        assertThat(ManifestSchemas.problems(object(DEPLOYMENT.formatted("2", "imagePullPolicy: IfNotPresent")))).isEmpty();
        assertThat(ManifestSchemas.problems(object(DEPLOYMENT.formatted("2", "imagePullPolicey: IfNotPresent"))))
                .singleElement().asString().contains("containers[0]", "imagePullPolicey");
        assertThat(ManifestSchemas.problems(object(DEPLOYMENT.formatted("two", "imagePullPolicy: IfNotPresent"))))
                .singleElement().asString().startsWith("Deployment oven:").contains("Integer");
        assertThat(ManifestSchemas.problems(object(DEPLOYMENT.formatted("2", "env: [{name: OVEN_SLOTS, value: 4}]"))))
                .as("an env value must be quoted").singleElement().asString().startsWith("Deployment oven:");
        assertThat(ManifestSchemas.problems(object(DEPLOYMENT.formatted("2", "resources: [cpu]"))))
                .singleElement().asString().startsWith("Deployment oven:");
        assertThat(ManifestSchemas.problems(object("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: orders.placed}
                spec: {partitions: 12, replicas: 3, retentionMs: 1000}
                """))).singleElement().asString().contains("retentionMs");
    }

    private static ObjectNode object(String yaml) {
        return Repo.yamlDocuments(yaml).get(0);
    }
}
