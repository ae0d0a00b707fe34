package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import bakery.load.report.BenchSummary.GroupLag;
import bakery.load.report.BenchSummary.NodeMemory;
import bakery.load.report.BenchSummary.NodeStart;
import bakery.load.report.BenchSummary.Target;

class TargetsTest {

    @Test
    void aRunThatMeetsEveryTarget() {
        List<Target> targets = Targets.check(0.25, List.of(new GroupLag("order-service / orders.placed", 900, 0.8)), 0.95,
                List.of(new NodeMemory("web-1", "web-tier", 180)), List.of(new NodeStart("web-3", 1.4, 1.1)),
                CpuCostTest.cost(20, 0.04), HalfCapacityTest.measured(List.of(8L, 12L, 31L), 0));
        assertThat(targets).hasSize(8).allMatch(Target::met);
    }

    @Test
    void eachMissIsNamedWithWhatWasMeasured() {
        List<Target> targets = Targets.check(0.05, List.of(new GroupLag("order-service / orders.placed", 900, null)), 0.7,
                List.of(new NodeMemory("web-1", "web-tier", 180), new NodeMemory("order-service-1", "order-service", 240)),
                List.of(new NodeStart("web-3", 1.4, 1.1), new NodeStart("order-service-2", 2.6, null)),
                CpuCostTest.cost(110, 0.19), HalfCapacityTest.measured(List.of(8L, 12L, 80L), 0));
        assertThat(targets).noneMatch(Target::met);
        assertThat(targets).extracting(Target::measured).containsExactly("110.00 (55.00 ms / 0.50 ms)", "0.19 cores", "0.05",
                "not drained", "80 ms (3 orders, 249.00/s of 250.00/s asked)", "0.70", "240 MB (order-service-1)",
                "2.60 s (slowest of 2)");
    }

    @Test
    void anOrderRunThatDidNotDrainIsNotMeasuredRatherThanFree() {
        CpuCost.Window idle = new CpuCost.Window(10, Map.of("kafka", 100L));
        CpuCost notDrained = CpuCost.of(idle, new CpuCost.Window(10, Map.of("kafka", 900L)), 1_000, idle, 0);

        Target cpu = Targets.check(0.3, List.of(), null, List.of(), List.of(), notDrained, null).get(0);
        assertThat(cpu.met()).isFalse();
        assertThat(cpu.measured()).isEqualTo("not measured");
    }

    @Test
    void whatWasNotMeasuredIsNotMet() {
        List<Target> targets = Targets.check(0.3, List.of(), null, List.of(), List.of(), null, null);
        assertThat(targets).filteredOn(t -> !t.what().startsWith("checkout")).noneMatch(Target::met);
        assertThat(halfCapacity(targets).measured()).isEqualTo("not measured");
    }

    @Test
    void anOrderNeverAcceptedAtHalfCapacityIsAMissHoweverFastTheOthersWere() {
        Target half = halfCapacity(Targets.check(0.3, List.of(), null, List.of(), List.of(), null,
                HalfCapacityTest.measured(List.of(8L, 12L, 31L), 2)));
        assertThat(half.met()).isFalse();
        assertThat(half.measured()).isEqualTo("31 ms (5 orders, 249.00/s of 250.00/s asked, 2 not accepted)");
        assertThat(half.goal()).isEqualTo("<= 50 ms");
    }

    @Test
    void halfCapacityWithNoOrderAcceptedSaysSoRatherThanAP99OfNothing() {
        Target half = halfCapacity(Targets.check(0.3, List.of(), null, List.of(), List.of(), null,
                HalfCapacityTest.measured(List.of(), 4)));
        assertThat(half.met()).isFalse();
        assertThat(half.measured()).isEqualTo("no order accepted of 4");
    }

    private static Target halfCapacity(List<Target> targets) {
        return targets.stream().filter(t -> t.what().startsWith("placed → accepted p99 at half")).findFirst().orElseThrow();
    }

    @Test
    void scalingEfficiencyIsAgainstOneInstance() {
        List<BakingScaling.Step> steps = BakingScaling.of(List.of(
                new BakingScaling.Run(1, 40, 20), new BakingScaling.Run(2, 40, 10), new BakingScaling.Run(4, 40, 8)));
        assertThat(steps).extracting(BakingScaling.Step::ordersPerSecond).containsExactly(2.0, 4.0, 5.0);
        assertThat(steps).extracting(BakingScaling.Step::efficiency).containsExactly(1.0, 1.0, 0.625);
        assertThat(BakingScaling.atMostInstances(steps)).isEqualTo(0.625);
    }
}
