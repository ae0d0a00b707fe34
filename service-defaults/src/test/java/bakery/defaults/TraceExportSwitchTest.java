package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceExportSwitchTest {

    @Test
    void spansAreSampledOnlyWhenACollectorIsNamed() {
        assertThat(TraceExportSwitch.ratio(Map.of())).isEqualTo("0.0");
        assertThat(TraceExportSwitch.ratio(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEqualTo("0.0");
        assertThat(TraceExportSwitch.ratio(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))).isEqualTo("1.0");
    }
}
