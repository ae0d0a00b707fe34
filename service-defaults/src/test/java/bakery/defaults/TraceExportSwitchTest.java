package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.Test;

class TraceExportSwitchTest {

    static final String COLLECTOR = "http://collector:4317";

    @Test
    void spansAreSampledOnlyWhenACollectorIsNamed() {
        assertThat(TraceExportSwitch.ratio(Map.of())).isEqualTo("0.0");
        assertThat(TraceExportSwitch.ratio(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEqualTo("0.0");
        assertThat(TraceExportSwitch.ratio(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR))).isEqualTo("1.0");
    }

    @Test
    void withoutACollectorNoSpanIsRecordedEvenUnderACallersSampledTrace() throws IOException {
        Started span = spanUnderSampledRemoteParent(Map.of());
        assertThat(span.recording()).as("a span recorded is a span the exporter tries to send").isFalse();
        assertThat(span.context().isSampled()).as("sampled flag passed on downstream").isFalse();
        // The trace still travels: the span continues the caller's trace id, so logs and headers carry it.
        assertThat(span.context().getTraceId()).isEqualTo(CALLER.getTraceId());
    }

    @Test
    void withACollectorEverySpanIsRecorded() throws IOException {
        Started span = spanUnderSampledRemoteParent(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR));
        assertThat(span.recording()).isTrue();
        assertThat(span.context().isSampled()).isTrue();
    }

    static final SpanContext CALLER = SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

    record Started(boolean recording, SpanContext context) {
    }

    /** The sampler OpenTelemetry builds from the shipped defaults and this switch, as Quarkus hands them over. */
    private static Started spanUnderSampledRemoteParent(Map<String, String> environment) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = TraceExportSwitch.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        Map<String, String> otel = Map.of(
                "otel.traces.sampler", shipped.getProperty("quarkus.otel.traces.sampler", "parentbased_always_on"),
                "otel.traces.sampler.arg", TraceExportSwitch.ratio(environment),
                "otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none");
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> otel).disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        try {
            Span span = sdk.getTracer("bakery").spanBuilder("checkout").setParent(Context.root().with(Span.wrap(CALLER)))
                    .startSpan();
            Started started = new Started(span.isRecording(), span.getSpanContext());
            span.end();
            return started;
        } finally {
            sdk.close();
        }
    }
}
