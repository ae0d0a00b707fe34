package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingRuleTest {

    private final ScalingRule bakers = new ScalingRule("baking-worker", "baking-worker", List.of("bake.requests"),
            20, 2, 12, Optional.empty());

    @Test
    void no_lag_keeps_the_minimum() {
        assertThat(bakers.desiredReplicas(0, 12)).isEqualTo(2);
    }

    @Test
    void one_instance_per_lag_threshold_rounded_up() {
        assertThat(bakers.desiredReplicas(100, 12)).isEqualTo(5);
        assertThat(bakers.desiredReplicas(101, 12)).isEqualTo(6);
    }

    @Test
    void never_more_instances_than_max_or_partitions() {
        assertThat(bakers.desiredReplicas(1_000_000, 12)).isEqualTo(12);
        assertThat(bakers.desiredReplicas(1_000_000, 6)).isEqualTo(6);
    }

    @Test
    void fewer_partitions_than_the_minimum_still_keeps_the_minimum() {
        assertThat(bakers.desiredReplicas(1_000, 1)).isEqualTo(2);
    }

    @Test
    void a_rule_that_cannot_hold_is_refused() {
        assertThatThrownBy(() -> new ScalingRule("w", "w", List.of("t"), 0, 1, 2, Optional.empty()))
                .hasMessageContaining("lag-threshold");
        assertThatThrownBy(() -> new ScalingRule("w", "w", List.of("t"), 10, 3, 2, Optional.empty()))
                .hasMessageContaining("min");
    }

    @Test
    void the_jar_carries_the_rules_of_deploy_scaling_properties() throws Exception {
        Map<String, ScalingRule> fromFile = ScalingRules.read(Files.newInputStream(Repo.file("deploy/scaling.properties")));

        assertThat(ScalingRules.load()).isEqualTo(fromFile);
        assertThat(fromFile).containsOnlyKeys(Repo.WORKERS);
    }

    @Test
    void a_missing_setting_is_named() {
        String props = "scale.w.consumer-group=w\nscale.w.topics=t\nscale.w.min=1\nscale.w.max=2\n";
        assertThatThrownBy(() -> ScalingRules.read(new ByteArrayInputStream(props.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("scale.w.lag-threshold");
    }
}
