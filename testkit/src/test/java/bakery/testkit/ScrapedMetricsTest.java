package bakery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapedMetricsTest {

    @Test
    void samplesAreSummedByLabelsAndExemplarsAreNotValues() {
        ScrapedMetrics page = ScrapedMetrics
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
}
