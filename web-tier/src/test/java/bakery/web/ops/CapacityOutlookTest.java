package bakery.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.Prices;
import bakery.contracts.scaling.ScalingPolicy;

/** The ops console's capacity lines from the shipped policy and prices. */
class CapacityOutlookTest {

    private final CapacityOutlook outlook = new CapacityOutlook(ScalingPolicy.shipped(), Prices.shipped(), Duration.ofDays(35));

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void theNightBeforeTheMonthsEndAnnouncesTenBakersAtSix() {
        CapacityOutlook.View view = outlook.at(berlin("2026-12-29T03:00"));

        assertThat(view.nextChange()).contains("10 baking-worker", "from 2026-12-29 06:00", "month end");
        assertThat(view.services()).filteredOn(l -> l.service().equals("baking-worker"))
                .singleElement().satisfies(l -> {
                    assertThat(l.instances()).isZero();
                    assertThat(l.rule()).isEqualTo("night floor (min)");
                });
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(Double.parseDouble(view.monthlyCost())).isPositive();
    }

    @Test
    void aMonthEndNoonCostsMoreAnHourThanANight() {
        CapacityOutlook.View noon = outlook.at(berlin("2026-12-30T12:00"));
        CapacityOutlook.View night = outlook.at(berlin("2026-12-15T02:00"));

        assertThat(Double.parseDouble(noon.hourlyCost())).isGreaterThan(Double.parseDouble(night.hourlyCost()));
    }
}
