package bakery.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GatlingStatsTest {

    static Path sampleReport() throws URISyntaxException {
        return Path.of(GatlingStatsTest.class.getResource("/gatling-sample/js/stats.json").toURI()).getParent().getParent();
    }

    @Test
    void readsEveryRequestIncludingThoseInsideGroups() throws Exception {
        GatlingStats stats = GatlingStats.read(sampleReport().resolve(GatlingStats.STATS_FILE));

        assertThat(stats.requests()).containsOnlyKeys(RequestNames.CHECKOUT, RequestNames.CAPACITY_CHECKOUT, RequestNames.BROWSE);
        GatlingStats.RequestStats capacity = stats.request(RequestNames.CAPACITY_CHECKOUT).orElseThrow();
        assertThat(capacity.ok()).isEqualTo(23990);
        assertThat(capacity.ko()).isEqualTo(10);
        assertThat(capacity.p50()).isEqualTo(11);
        assertThat(capacity.p95()).isEqualTo(30);
        assertThat(capacity.p99()).isEqualTo(61);
        assertThat(stats.request(RequestNames.BROWSE).orElseThrow().ok()).isEqualTo(900);
    }

    @Test
    void allRequestsTogetherAreTheTopLevelFigures() throws Exception {
        GatlingStats stats = GatlingStats.read(sampleReport().resolve(GatlingStats.STATS_FILE));

        assertThat(stats.all().ok()).isEqualTo(4990);
        assertThat(stats.all().p99()).isEqualTo(48);
        assertThat(stats.all().meanPerSecond()).isEqualTo(83.3);
    }

    @Test
    void aDashWhereGatlingHasNoFigureReadsAsZero() {
        GatlingStats stats = GatlingStats.parse("""
                {"stats": {"name": "All Requests", "numberOfRequests": {"ok": 0, "ko": 5},
                 "percentiles1": {"ok": "-"}, "percentiles3": {"ok": "-"}, "percentiles4": {"ok": "-"}}, "contents": {}}
                """);
        assertThat(stats.all().ko()).isEqualTo(5);
        assertThat(stats.all().p50()).isZero();
    }

    @Test
    void somethingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> GatlingStats.parse("<html>")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stats.json");
    }

    @Test
    void findsTheNewestReportFolder() throws Exception {
        assertThat(GatlingStats.newestReport(sampleReport().getParent())).contains(sampleReport());
    }
}
