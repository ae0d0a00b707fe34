package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuCostTest {

    /** A cost of {@code orderInTrivialGets} trivial GETs of 0.5 ms each, with the stack idle at {@code idleCores}. */
    static CpuCost cost(double orderInTrivialGets, double idleCores) {
        return new CpuCost(idleCores, Map.of("kafka", idleCores), 1000, 0.5, 100, orderInTrivialGets * 0.5,
                Map.of("web-tier", orderInTrivialGets * 0.5), orderInTrivialGets);
    }

    @Test
    void theIdleBurnOfEachProcessIsTakenOutOfWhatTheLoadUsedBeforeDividing() {
        // Idle for 10 s: Kafka burns 0.05 cores, the web tier 0.02.
        CpuCost.Window idle = new CpuCost.Window(10, Map.of("kafka", 500L, "web-tier", 200L));
        // 10 s of trivial GETs: 4,000 of them, 2,200 ms of the web tier's CPU (200 of it idle), 500 of nginx.
        CpuCost.Window gets = new CpuCost.Window(10, Map.of("web-tier", 2_200L, "balancer", 500L, "kafka", 500L));
        // 100 s from the first order to lag 0: 1,000 orders.
        CpuCost.Window orders = new CpuCost.Window(100,
                Map.of("web-tier", 17_000L, "kafka", 11_000L, "balancer", 600L, "order-service", 9_000L));

        CpuCost cost = CpuCost.of(idle, gets, 4_000, orders, 1_000);

        assertThat(cost.idleCores()).isCloseTo(0.07, within(1e-9));
        assertThat(cost.idleCoresByProcess()).containsEntry("kafka", 0.05).containsEntry("web-tier", 0.02);
        assertThat(cost.trivialGetMs()).isCloseTo((2_000 + 500) / 4_000.0, within(1e-9));
        assertThat(cost.orderMsByProcess()).containsEntry("web-tier", 15.0).containsEntry("kafka", 6.0)
                .containsEntry("balancer", 0.6).containsEntry("order-service", 9.0);
        assertThat(cost.orderMs()).isCloseTo(30.6, within(1e-9));
        assertThat(cost.orderInTrivialGets()).isCloseTo(30.6 / 0.625, within(1e-9));
    }

    @Test
    void aProcessThatUsedLessThanItsIdleBurnCostsNothingRatherThanLessThanNothing() {
        CpuCost.Window idle = new CpuCost.Window(10, Map.of("kafka", 1_000L));
        CpuCost.Window gets = new CpuCost.Window(10, Map.of("kafka", 400L, "web-tier", 1_000L));
        CpuCost.Window orders = new CpuCost.Window(10, Map.of("kafka", 100L, "web-tier", 2_000L));

        CpuCost cost = CpuCost.of(idle, gets, 1_000, orders, 100);

        assertThat(cost.orderMsByProcess()).containsEntry("kafka", 0.0).containsEntry("web-tier", 20.0);
        assertThat(cost.trivialGetMs()).isEqualTo(1.0);
    }

    @Test
    void withNoOrdersOrNoGetsThereIsNoRatio() {
        CpuCost.Window any = new CpuCost.Window(10, Map.of("kafka", 1_000L));

        assertThat(CpuCost.of(any, any, 0, any, 10).orderInTrivialGets()).isZero();
        assertThat(CpuCost.of(any, any, 10, any, 0).orderMs()).isZero();
    }
}
