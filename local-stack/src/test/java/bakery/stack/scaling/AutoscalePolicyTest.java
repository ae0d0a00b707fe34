package bakery.stack.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import bakery.stack.process.Service;

/** The autoscaler uses the shipped rules, the numbers the KEDA ScaledObjects are checked against. */
class AutoscalePolicyTest {

    @Test
    void coversEveryConsumerServiceOfTheShippedRules() {
        List<AutoscalePolicy> policies = AutoscalePolicy.shipped(null, null);

        assertThat(policies).extracting(AutoscalePolicy::service)
                .contains(Service.BAKING_WORKER, Service.NOTIFICATION_WORKER, Service.ORDER_SERVICE)
                .doesNotContain(Service.WEB_TIER);
        AutoscalePolicy baking = policies.stream().filter(p -> p.service() == Service.BAKING_WORKER).findFirst().orElseThrow();
        assertThat(baking.scaling().consumerGroup()).isEqualTo("baking-worker");
        assertThat(baking.scaling().topics()).containsExactly("bake.requests");
        assertThat(baking.scaling().min()).isBetween(1, baking.scaling().max());
    }

    @Test
    void minAndMaxFromTheCommandLineWin() {
        List<AutoscalePolicy> policies = AutoscalePolicy.shipped(1, 3);

        assertThat(policies).isNotEmpty().allSatisfy(p -> {
            assertThat(p.scaling().min()).isEqualTo(1);
            assertThat(p.scaling().max()).isEqualTo(3);
        });
    }
}
