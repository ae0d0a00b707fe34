package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GatlingStatsTest {

    /** The statistics tables of a real Gatling 3.15.1 report of the bakery's simulation. */
    static Path sampleReport() throws URISyntaxException {
        return Path.of(GatlingStatsTest.class.getResource("/gatling-sample/index.html").toURI()).getParent();
    }

    static GatlingStats sample() throws URISyntaxException {
        return GatlingStats.read(GatlingStats.statsFile(sampleReport()));
    }

    @Test
    void readsEveryRequestOfTheSimulation() throws Exception {
        assertThat(sample().requests()).containsKeys(RequestNames.BROWSE, RequestNames.ADD_TO_CART, RequestNames.CHANGE_CART,
                RequestNames.VIEW_CART, RequestNames.CHECKOUT, RequestNames.ORDER_STATUS, RequestNames.WATCH_ORDER,
                RequestNames.CAPACITY_ADD, RequestNames.CAPACITY_CHECKOUT);
    }

    @Test
    void readsCountsPercentilesAndRateOfARequest() throws Exception {
        GatlingStats.RequestStats capacity = sample().request(RequestNames.CAPACITY_CHECKOUT).orElseThrow();
        assertThat(capacity)
                .isEqualTo(new GatlingStats.RequestStats(RequestNames.CAPACITY_CHECKOUT, 362, 0, 457, 1177, 1410, 1452, 18.1));
    }

    @Test
    void allRequestsTogetherAreKeptApart() throws Exception {
        GatlingStats stats = sample();
        assertThat(stats.all().ok()).isEqualTo(2362);
        assertThat(stats.all().p99()).isEqualTo(1384);
        assertThat(stats.requests()).doesNotContainKey(GatlingStats.ALL_REQUESTS);
    }

    @Test
    void aDashWhereGatlingHasNoFigureReadsAsZero() {
        GatlingStats stats = GatlingStats.parse("""
                <tr id="ROOT" ><td><span class="ellipsed-name">All Requests</span></td>
                <td class="value total col-2">5</td><td class="value ok col-3">0</td><td class="value ko col-4">5</td>
                <td class="value total col-8">-</td></tr>
                """);
        assertThat(stats.all().ko()).isEqualTo(5);
        assertThat(stats.all().p50()).isZero();
    }

    @Test
    void aPageWithoutTheStatisticsTableIsRefused() {
        assertThatThrownBy(() -> GatlingStats.parse("<html></html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("All Requests");
    }

    @Test
    void findsTheNewestReportFolder() throws Exception {
        assertThat(GatlingStats.newestReport(sampleReport().getParent())).contains(sampleReport());
    }
}
