package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.WorkerScaling;
import bakery.stack.process.Service;

/** The autoscaler follows the capacity policy, the file the KEDA ScaledObjects are checked against. */
class AutoscalePolicyTest {

    private final ScalingPolicy shipped = ScalingPolicy.read(Path.of("..").resolve(ScalingPolicy.FILE));

    @Test
    void coversEveryLagScaledServiceOfThePolicy() {
        List<AutoscalePolicy> policies = AutoscalePolicy.of(shipped);

        assertThat(policies).extracting(AutoscalePolicy::service)
                .containsExactlyInAnyOrder(Service.BAKING_WORKER, Service.NOTIFICATION_WORKER, Service.ORDER_SERVICE);
        AutoscalePolicy baking = policies.stream().filter(p -> p.service() == Service.BAKING_WORKER).findFirst().orElseThrow();
        WorkerScaling atNight = baking.ruleAt(0, null, null);
        assertThat(atNight.consumerGroup()).isEqualTo("baking-worker");
        assertThat(atNight.topics()).containsExactly("bake.requests");
        // Asleep at night, woken by the first order waiting.
        assertThat(atNight.recommended(0, 12)).isZero();
        assertThat(atNight.recommended(1, 12)).isEqualTo(1);
        // The month's last days: ten bakers even before any lag shows.
        assertThat(baking.ruleAt(10, null, null).recommended(0, 12)).isEqualTo(10);
    }

    @Test
    void minAndMaxFromTheCommandLineWin() {
        assertThat(AutoscalePolicy.of(shipped)).isNotEmpty().allSatisfy(p -> {
            WorkerScaling rule = p.ruleAt(0, 1, 3);
            assertThat(rule.min()).isEqualTo(1);
            assertThat(rule.max()).isEqualTo(3);
        });
    }
}
