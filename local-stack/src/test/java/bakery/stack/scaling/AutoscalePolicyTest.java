package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import bakery.stack.process.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The autoscaler reads the same file the KEDA ScaledObjects are checked against. */
class AutoscalePolicyTest {

    private static final Path ROOT = Path.of(System.getProperty("bakery.root", ".."));

    @Test
    void readsEveryConsumerServiceOfTheSharedScalingFile() {
        List<AutoscalePolicy> policies = AutoscalePolicy.read(ROOT, Duration.ofSeconds(120), null, null);

        assertThat(policies).extracting(AutoscalePolicy::service)
                .contains(Service.BAKING_WORKER, Service.NOTIFICATION_WORKER, Service.ORDER_SERVICE)
                .doesNotContain(Service.WEB_TIER);
        AutoscalePolicy baking = policies.stream().filter(p -> p.service() == Service.BAKING_WORKER).findFirst().orElseThrow();
        assertThat(baking.group()).isEqualTo("baking-worker");
        assertThat(baking.topics()).containsExactly("bake.requests");
        assertThat(baking.lagThreshold()).isPositive();
        assertThat(baking.min()).isBetween(1, baking.max());
    }

    @Test
    void minAndMaxFromTheCommandLineWin() {
        List<AutoscalePolicy> policies = AutoscalePolicy.read(ROOT, Duration.ZERO, 1, 3);

        assertThat(policies).allSatisfy(p -> {
            assertThat(p.min()).isEqualTo(1);
            assertThat(p.max()).isEqualTo(3);
        });
    }
}
