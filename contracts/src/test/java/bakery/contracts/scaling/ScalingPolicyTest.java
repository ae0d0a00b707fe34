package bakery.contracts.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ScalingPolicyTest {

    private static final ScalingPolicy SHIPPED = ScalingPolicy.read(Path.of("..").resolve(ScalingPolicy.FILE));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static Map<String, Integer> counts(Map<String, ScalingPolicy.Floor> floors) {
        Map<String, Integer> counts = new TreeMap<>();
        floors.forEach((name, floor) -> counts.put(name, floor.instances()));
        return counts;
    }

    @Test
    void aMidMonthNightKeepsOnlyTheNightFloorWorkersSleep() {
        Map<String, ScalingPolicy.Floor> night = SHIPPED.floorsAt(berlin("2026-12-15T02:00"));

        assertThat(counts(night)).containsExactlyInAnyOrderEntriesOf(
                Map.of("web-tier", 2, "order-service", 2, "baking-worker", 0, "notification-worker", 0));
        assertThat(night.values()).allSatisfy(f -> assertThat(f.reason()).isEqualTo("night floor (min)"));
    }

    @Test
    void aMidMonthWeekdayNoonOpensTheBakery() {
        Map<String, ScalingPolicy.Floor> noon = SHIPPED.floorsAt(berlin("2026-12-15T12:00"));

        assertThat(counts(noon)).containsExactlyInAnyOrderEntriesOf(
                Map.of("web-tier", 2, "order-service", 2, "baking-worker", 2, "notification-worker", 1));
        assertThat(noon.get("baking-worker").reason()).isEqualTo("calendar rule 'opening hours'");
        assertThat(noon.get("order-service").reason()).isEqualTo("night floor (min)");
    }

    @Test
    void theLastDayOfTheMonthBringsTenBakers() {
        Map<String, ScalingPolicy.Floor> monthEnd = SHIPPED.floorsAt(berlin("2026-12-31T12:00"));

        assertThat(counts(monthEnd)).containsExactlyInAnyOrderEntriesOf(
                Map.of("web-tier", 2, "order-service", 4, "baking-worker", 10, "notification-worker", 2));
        assertThat(monthEnd.get("baking-worker").reason()).isEqualTo("calendar rule 'month end'");
        // The month's last days end at closing time too.
        assertThat(SHIPPED.floorsAt(berlin("2026-12-31T21:00")).get("baking-worker").instances()).isZero();
        // February's last three days are the 26th to the 28th.
        assertThat(SHIPPED.floorsAt(berlin("2027-02-26T10:00")).get("baking-worker").instances()).isEqualTo(10);
        assertThat(SHIPPED.floorsAt(berlin("2027-02-25T10:00")).get("baking-worker").instances()).isEqualTo(2);
    }

    @Test
    void theNextChangeNamesWhenAndHowMany() {
        ScalingPolicy.Change change = SHIPPED.nextChange(berlin("2026-12-29T03:00"), Duration.ofDays(2)).orElseThrow();

        assertThat(change.at().toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-29T06:00"));
        assertThat(change.floors().get("baking-worker").instances()).isEqualTo(10);
        assertThat(change.floors()).doesNotContainKey("web-tier");
    }

    @Test
    void instanceHoursFollowTheCalendarAndTheClockChange() throws IOException {
        ScalingPolicy daily = policy("""
                timezone: Europe/Berlin
                services:
                  baking-worker: {size: small, min: 0, max: 4, signal: {lag: 10, consumerGroup: b, topics: [t]}}
                  web-tier: {size: small, min: 1, max: 4, signal: {cpu: 70}}
                calendar:
                  - {name: open, from: "06:00", to: "20:00", instances: {baking-worker: 2}}
                """);

        Map<String, Double> february = daily.instanceHours(YearMonth.of(2026, 2));
        assertThat(february.get("baking-worker")).isEqualTo(28 * 14 * 2.0);
        assertThat(february.get("web-tier")).isEqualTo(28 * 24.0);
        // The clocks go forward on 29 March 2026: that night has 23 hours.
        assertThat(daily.instanceHours(YearMonth.of(2026, 3)).get("web-tier")).isEqualTo(31 * 24.0 - 1);
    }

    @Test
    void aPolicyThatCannotHoldIsRefusedWithItsReason() {
        assertThatThrownBy(() -> policy("""
                timezone: Europe/Berlin
                services:
                  web-tier: {size: small, min: 2, max: 4, signal: {cpu: 70}}
                calendar:
                  - {name: rush, from: "06:00", to: "10:00", instances: {web-tier: 3}}
                """)).hasMessageContaining("scales on CPU");
        assertThatThrownBy(() -> policy("""
                timezone: Europe/Berlin
                services:
                  baking-worker: {size: small, min: 0, max: 4, signal: {lag: 10, consumerGroup: b, topics: [t]}}
                calendar:
                  - {name: rush, from: "06:00", to: "10:00", instances: {baking-worker: 9}}
                """)).hasMessageContaining("outside its 0..4");
        assertThatThrownBy(() -> policy("""
                timezone: Europe/Berlin
                services:
                  baking-worker: {size: small, min: 0, max: 4, signal: {lag: 10, consumerGroup: b, topics: [t]}}
                calendar:
                  - {name: rush, from: "6 o'clock", to: "10:00", instances: {baking-worker: 2}}
                """)).hasMessageContaining("6 o'clock");
        assertThatThrownBy(() -> policy("""
                timezone: Europe/Berlin
                services:
                  baking-worker: {size: small, minimum: 0, max: 4, signal: {lag: 10, consumerGroup: b, topics: [t]}}
                """)).hasMessageContaining("minimum");
        assertThatThrownBy(() -> policy("""
                timezone: Mars/Olympus
                services: {}
                """)).hasMessageContaining("Mars/Olympus");
    }

    @Test
    void pricesTurnHoursIntoMoneyAndNameAMissingSize() {
        Prices prices = Prices.read(Path.of("..").resolve(Prices.FILE));
        assertThat(prices.hourly(SHIPPED.service("baking-worker"))).isPositive();

        Prices tooFew = new Prices("EUR", Map.of("large", BigDecimal.ONE));
        assertThatThrownBy(() -> tooFew.hourly(SHIPPED.service("baking-worker"))).hasMessageContaining("small");
    }

    @Test
    void theJarCarriesThePolicyAndPricesAsTheRepositoryHasThem() {
        assertThat(ScalingPolicy.shipped()).isEqualTo(SHIPPED);
        assertThat(Prices.shipped()).isEqualTo(Prices.read(Path.of("..").resolve(Prices.FILE)));
    }

    @Test
    void theJarsLagNumbersAreThePolicys() {
        Map<String, WorkerScaling> shipped = WorkerScaling.shipped();
        assertThat(shipped.keySet()).containsExactlyInAnyOrderElementsOf(
                SHIPPED.inOrder().stream().filter(s -> s.signal().lagScaled()).map(ServicePolicy::name).toList());
        shipped.forEach((name, rule) -> {
            ServicePolicy policy = SHIPPED.service(name);
            assertThat(rule.consumerGroup()).isEqualTo(policy.signal().consumerGroup());
            assertThat(rule.topics()).containsExactlyElementsOf(policy.signal().topics());
            assertThat(rule.lagThreshold()).as("%s lag-threshold", name).isEqualTo(policy.signal().lag());
            assertThat(rule.max()).as("%s max", name).isEqualTo(policy.max());
            assertThat(rule.min()).as("%s fixed-size count", name).isBetween(policy.min(), policy.max());
        });
    }

    private static ScalingPolicy policy(String yaml) throws IOException {
        return ScalingPolicy.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
