package bakery.servers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsPageTest {

    @Test
    void samplesAreSummedByLabelsAndExemplarsAreNotValues() {
        MetricsPage page = MetricsPage
                .parse("""
                        # TYPE bakery_orders_total counter
                        bakery_orders_total{node="web-1",stage="placed"} 2.0 # {span_id="095a04e9feabee82",trace_id="7d59"} 1.0 1732237322.1
                        bakery_orders_total{node="web-2",stage="placed"} 3.0
                        bakery_orders_total{node="web-2",stage="ready"} 7.0
                        jvm_threads_live_threads 31.0
                        """);

        assertThat(page.sum("bakery_orders_total", "stage", "placed")).isEqualTo(5.0);
        assertThat(page.sum("bakery_orders_total")).isEqualTo(12.0);
        assertThat(page.sum("jvm_threads_live_threads")).isEqualTo(31.0);
        assertThat(page.has("bakery_bake_time_seconds_count")).isFalse();
    }

    @Test
    void aLineWhoseValueIsNoNumberIsLeftOutNotFatal() {
        MetricsPage page = MetricsPage.parse("""
                bakery_orders_total{stage="placed"} 2.0
                bakery_oven_slots +Inf
                """);

        assertThat(page.samples()).extracting(MetricsPage.Sample::name).containsExactly("bakery_orders_total");
    }
}
