package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.ScalingPolicy;

/**
 * The prod overlay and the capacity policy can carry the target of the last full sizing run, as it measured it
 * (deploy/capacity.json, written with docs/capacity.md by {@code ./bakery capacity --write-docs}): enough instances,
 * oven slots and partitions. A new run that needs more fails here until the manifests follow.
 */
class ProdCarriesTheMeasuredTargetTest {

    private static final ScalingPolicy POLICY = ScalingPolicy.read(Repo.file(ScalingPolicy.FILE));
    private static final String OVERLAY = "prod";

    private static JsonNode capacity() throws IOException {
        return Repo.JSON.readTree(Repo.file("deploy/capacity.json").toFile());
    }

    @Test
    void the_sizing_comes_from_a_full_run_on_a_named_machine() throws IOException {
        JsonNode run = capacity();
        assertThat(run.path("conditions").path("shortRun").asBoolean(true)).as("a --short run checks the run, it sizes nothing")
                .isFalse();
        assertThat(run.path("machine").path("cores").asInt()).isPositive();
        assertThat(run.path("steps")).as("measured steps").isNotEmpty();
        assertThat(run.path("sizing").path("ovens").path("measuredBakeSeconds").asDouble()).isPositive();
    }

    @Test
    void every_service_may_grow_to_what_the_target_needs() throws IOException {
        capacity().path("sizing").path("instances").fields().forEachRemaining(need -> assertThat(
                POLICY.service(need.getKey()).max()).as("%s: %s", need.getKey(), need.getValue().path("how").asText())
                .isGreaterThanOrEqualTo(need.getValue().path("instances").asInt()));
    }

    @Test
    void the_bakers_have_the_oven_slots_the_target_keeps_busy() throws IOException {
        JsonNode sizing = capacity().path("sizing");
        double baking = sizing.path("targetPerMinute").asDouble() / 60 * sizing.path("ovens").path("ovenSeconds").asDouble();
        double usable = 1 - sizing.path("headroom").asDouble();
        Map<String, String> env = KubernetesOverlaysTest.environment(OVERLAY, "baking-worker");
        int slots = Integer.parseInt(env.get("OVEN_SLOTS"));
        int bakers = POLICY.service("baking-worker").max();
        assertThat(bakers * slots * usable).as("%d bakers x %d slots x %.2f for %.0f orders in the ovens at once", bakers,
                slots, usable, baking).isGreaterThanOrEqualTo(baking);
    }

    @Test
    void every_topic_has_the_partitions_the_sizing_asks_for() throws IOException {
        int needed = capacity().path("sizing").path("kafka").path("partitionsNeeded").asInt();
        assertThat(KubernetesOverlaysTest.kind(OVERLAY, "KafkaTopic")).isNotEmpty()
                .allSatisfy(topic -> assertThat(topic.path("spec").path("partitions").asInt())
                        .as(topic.path("spec").path("topicName").asText()).isGreaterThanOrEqualTo(needed));
    }
}
