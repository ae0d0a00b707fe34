package bakery.stack.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bakery.contracts.BakeEvent;
import bakery.contracts.Customer;
import bakery.contracts.OrderLine;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.stack.process.StateFile;

/**
 * What an operator reads from a sizing run: a step breaks a tier only where that tier's level broke,
 * one instance's capacity is the highest step it held, and the target's instances, bakers, brokers,
 * pooler and cost follow from those figures.
 */
class CapacityFindingsTest {

    static final ServiceLevels LEVELS = new ServiceLevels(Duration.ofMillis(250), Duration.ofSeconds(10), 20);

    static LoadStep step(double asked, int orders, long checkoutP99, long beyondOven, long bakerLag) {
        return LoadStep.judge(new LoadStep.Measured(asked, 10, orders, checkoutP99, 0, beyondOven, 0,
                Map.of(Tier.ORDERS, 0L, Tier.BAKERS, bakerLag, Tier.NOTIFIERS, 0L)), LEVELS);
    }

    @Test
    void aStepBreaksOnlyTheTierWhoseLevelBroke() {
        LoadStep ovensFull = step(10, 98, 40, 2_000, 300);

        assertThat(ovensFull.held()).containsEntry(Tier.WEB, true).containsEntry(Tier.ORDERS, true)
                .containsEntry(Tier.BAKERS, false).containsEntry(Tier.NOTIFIERS, true);
        assertThat(ovensFull.reasons().get(Tier.BAKERS)).contains("lag grew by 300");
        assertThat(ovensFull.ordersPerSecond()).isEqualTo(9.8);

        LoadStep slowCheckout = step(20, 150, 400, 1_000, 0);
        assertThat(slowCheckout.held()).containsEntry(Tier.WEB, false).containsEntry(Tier.BAKERS, true);
        assertThat(slowCheckout.reasons().get(Tier.WEB)).contains("checkout p99 400 ms > 250 ms");

        LoadStep lateOrders = step(5, 50, 40, 12_000, 0);
        assertThat(lateOrders.held()).containsEntry(Tier.BAKERS, false);
        assertThat(lateOrders.reasons().get(Tier.BAKERS)).contains("beyond the oven time");
    }

    @Test
    void oneInstanceCarriesTheHighestStepItsTierHeldDividedByItsInstances() {
        List<LoadStep> steps = List.of(step(2, 20, 30, 1_000, 0), step(5, 48, 35, 1_500, 0), step(10, 96, 60, 9_000, 400));

        List<TierCapacity> tiers = TierCapacity.of(steps,
                Map.of(Tier.WEB, 2, Tier.ORDERS, 1, Tier.BAKERS, 2, Tier.NOTIFIERS, 1));

        TierCapacity bakers = tiers.stream().filter(t -> t.service().equals(Tier.BAKERS)).findFirst().orElseThrow();
        assertThat(bakers.heldOrdersPerSecond()).isEqualTo(4.8);
        assertThat(bakers.perInstance()).isEqualTo(2.4);
        assertThat(bakers.bounded()).isTrue();
        assertThat(bakers.limit()).contains("broke at 10.0 orders/s");
        TierCapacity web = tiers.get(0);
        assertThat(web.perInstance()).isEqualTo(4.8);
        assertThat(web.bounded()).as("held at every step: a lower bound").isFalse();
    }

    @Test
    void aTierThatBrokeAtTheFirstStepIsNotMeasuredAndSizedAtItsFloor() {
        List<TierCapacity> tiers = TierCapacity.of(List.of(step(2, 20, 900, 1_000, 0)),
                Map.of(Tier.WEB, 1, Tier.ORDERS, 1, Tier.BAKERS, 1, Tier.NOTIFIERS, 1));

        assertThat(tiers.get(0).perInstance()).isNull();
        Sizing sizing = sizing(tiers, 1000, 40_000, 7);
        assertThat(sizing.instances().get(Tier.WEB).instances()).isEqualTo(2);
        assertThat(sizing.instances().get(Tier.WEB).how()).contains("not measured");
    }

    @Test
    void aTargetIsSizedFromTheMeasuredFigures() {
        List<TierCapacity> tiers = List.of(new TierCapacity(Tier.WEB, 1, 20.0, 20.0, true, "broke"),
                new TierCapacity(Tier.ORDERS, 1, 5.0, 5.0, true, "broke"),
                new TierCapacity(Tier.BAKERS, 1, 2.0, 2.0, true, "broke"),
                new TierCapacity(Tier.NOTIFIERS, 1, 20.0, 20.0, false, "held"));

        // 1,000/min = 16.7/s; bakes of 1.5 s at speed factor 0.05 are 30 s of real oven time.
        Sizing sizing = sizing(tiers, 1000, 10_000, 7);

        assertThat(sizing.instances().get(Tier.WEB).instances()).isEqualTo(2); // ceil(16.7 / 14) = 2
        assertThat(sizing.instances().get(Tier.ORDERS).instances()).isEqualTo(5); // ceil(16.7 / 3.5)
        assertThat(sizing.instances().get(Tier.NOTIFIERS).how()).contains("at most");
        assertThat(sizing.ovens().ovenSeconds()).isCloseTo(30, within(1e-9));
        // 16.7 x 30 = 500 orders in the ovens at once; 4 slots at 70 %: 179 bakers > 12 partitions
        assertThat(sizing.ovens().bakers()).isEqualTo(12);
        assertThat(sizing.ovens().slotsIfPartitionsBound()).isEqualTo(60); // ceil(500 / (12 x 0.7))
        assertThat(sizing.ovens().arithmetic()).contains("keep 12 bakers with 60 oven slots each");
        // 16.7 x 7 = 117 records/s against 7,000 usable: replication's 3 brokers
        assertThat(sizing.kafka().brokers()).isEqualTo(3);
        assertThat(sizing.kafka().partitionsNeeded()).isEqualTo(12);
        // (100 - 4) / 6 - 1 = 15 order-services before a pooler
        assertThat(sizing.postgres().orderServicesBeforePooler()).isEqualTo(15);
        assertThat(sizing.postgres().needsPooler()).isFalse();
        // small at 0.05/h: 2 + 5 + 12 + 2 instances
        assertThat(sizing.cost().hourly()).isEqualByComparingTo("1.05");
        assertThat(sizing.cost().monthly()).isEqualByComparingTo(new BigDecimal("1.05").multiply(BigDecimal.valueOf(730)));
    }

    @Test
    void aTargetBeyondTheBrokerAndTheConnectionsAsksForBrokersAndAPooler() {
        List<TierCapacity> tiers = List.of(new TierCapacity(Tier.WEB, 1, 100.0, 100.0, true, "broke"),
                new TierCapacity(Tier.ORDERS, 1, 10.0, 10.0, true, "broke"),
                new TierCapacity(Tier.BAKERS, 1, 2.0, 2.0, true, "broke"),
                new TierCapacity(Tier.NOTIFIERS, 1, 100.0, 100.0, true, "broke"));

        Sizing sizing = sizing(tiers, 50_000, 10_000, 7); // 833/s x 7 = 5,833 records/s

        assertThat(sizing.instances().get(Tier.ORDERS).instances()).isEqualTo(120);
        assertThat(sizing.kafka().partitionsNeeded()).isEqualTo(120);
        assertThat(sizing.kafka().advice()).contains("raise the partitions to 120");
        assertThat(sizing.postgres().needsPooler()).isTrue();
        assertThat(sizing.postgres().advice()).contains("PgBouncer");
        assertThat(sizing(tiers, 500_000, 10_000, 7).kafka().brokers()).isEqualTo(9); // 58,333 / 7,000
    }

    @Test
    void placedToReadyIsCountedBeyondTheOrdersOwnOvenTime() {
        UUID baked = UUID.randomUUID();
        UUID stuck = UUID.randomUUID();
        Instant t = Instant.parse("2026-12-07T06:00:00Z");
        Map<UUID, OrderPlaced> placed = Map.of(baked, order(baked, t), stuck, order(stuck, t));
        List<OrderStatusChanged> statuses = List.of(
                new OrderStatusChanged(1, baked, OrderStatus.READY, 4, null, new Customer("Ada", "ada@example.com"),
                        List.of(new OrderLine("croissant", "Butter croissant", 1, 180)), 180, t.plusSeconds(3600),
                        t.plusMillis(3_500)));
        List<BakeEvent> bakes = List.of(BakeEvent.started(baked, "baking-worker-1", t.plusMillis(500)),
                BakeEvent.finished(baked, "baking-worker-1", t.plusMillis(3_000)));

        Map<UUID, Long> beyond = SteppedLoad.beyondOven(placed, statuses, bakes);

        assertThat(beyond).containsOnlyKeys(baked).containsEntry(baked, 1_000L);
    }

    @Test
    void theDocsKeepTheirTextAroundTheMeasuredSection() {
        String page = "# Capacity\nintro\n" + CapacityFiles.BEGIN + "\nold figures\n" + CapacityFiles.END + "\nformulas\n";
        CapacityReport report = new CapacityReport("2026-12-07T06:00:00Z",
                new Machine("Some CPU", 2, 24_000, "Debian", "OpenJDK 17", 1.5),
                new CapacityReport.Conditions(600, Map.of(Tier.WEB, 1), 0.05, 12, true), LEVELS,
                List.of(step(1, 12, 30, 900, 0)), List.of(), sizing(List.of(), 1000, 10_000, 7));
        assertThat(report.sizing().instances()).containsKeys(Tier.ALL.toArray(String[]::new));

        String rewritten = CapacityFiles.withRun(page, report);

        assertThat(rewritten).startsWith("# Capacity\nintro\n").endsWith(CapacityFiles.END + "\nformulas\n")
                .doesNotContain("old figures").contains("Some CPU, 2 cores").contains("| 1.0 | 1.20 | 12 | 30 |");
        assertThatThrownBy(() -> CapacityFiles.withRun("# no markers", report)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRunsFilesCarryEveryStepTierAndSizingAsJsonAndTables(@TempDir Path folder) throws Exception {
        List<LoadStep> steps = List.of(step(1, 12, 30, 900, 0), step(2, 23, 45, 1_100, 0));
        List<TierCapacity> tiers = TierCapacity.of(steps,
                Map.of(Tier.WEB, 1, Tier.ORDERS, 1, Tier.BAKERS, 1, Tier.NOTIFIERS, 1));
        CapacityReport report = new CapacityReport("2026-12-07T06:00:00Z",
                new Machine("Some CPU", 2, 24_000, "Debian", "JDK", 1),
                new CapacityReport.Conditions(600, Map.of(Tier.WEB, 1), 0.05, 12, true), LEVELS, steps, tiers,
                sizing(tiers, 600, 10_000, 7));

        CapacityFiles.write(report, folder);

        JsonNode json = StateFile.JSON.readTree(folder.resolve(CapacityFiles.JSON).toFile());
        assertThat(json.get("steps").get(1).get("ordersPerSecond").asDouble()).isEqualTo(2.3);
        assertThat(json.get("steps").get(1).get("held").get(Tier.BAKERS).asBoolean()).isTrue();
        assertThat(json.get("tiers").get(0).get("perInstance").asDouble()).isEqualTo(2.3);
        assertThat(json.get("sizing").get("ovens").get("ovenSeconds").asDouble()).isCloseTo(30, within(1e-9));
        assertThat(json.get("sizing").get("instances").get(Tier.BAKERS).get("instances").asInt()).isPositive();
        assertThat(json.get("sizing").get("cost").get("hourly").decimalValue()).isPositive();
        assertThat(json.get("levels").get("checkoutP99").asDouble()).as("seconds").isEqualTo(0.25);
        assertThat(json.get("machine").get("cpu").asText()).isEqualTo("Some CPU");
        assertThat(Files.readString(folder.resolve(CapacityFiles.MARKDOWN))).contains("| 2.0 | 2.30 | 23 | 45 |")
                .contains("For 600 orders/min");
    }

    private static Sizing sizing(List<TierCapacity> tiers, double perMinute, double brokerRecords, double recordsPerOrder) {
        return Sizing.of(tiers, new Sizing.Inputs(perMinute, 0.3, 2, 12, 4, 1.5, 0.05, brokerRecords, recordsPerOrder, 3, 100,
                6, 4, 1, 5, 730), ScalingPolicy.shipped(), Prices.shipped());
    }

    private static OrderPlaced order(UUID id, Instant at) {
        return OrderPlaced.of(id, "k-" + id, new Customer("Ada", "ada@example.com"),
                List.of(new OrderLine("croissant", "Butter croissant", 1, 180)), at.plusSeconds(3600), at, "web-1");
    }
}
