package bakery.defaults;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Traces are exported over OTLP only where a collector is named ({@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 * Which exporters exist is fixed at build time in Quarkus, so the switch is the sampling ratio, a
 * runtime setting: 1 with a collector, 0 without. It works because the shared defaults choose the
 * {@code traceidratio} sampler, which heeds the ratio and nothing else: a parent-based one would
 * record every span under a caller's sampled {@code traceparent}. Unsampled spans still carry trace ids, so the
 * {@code traceparent} header still travels from the checkout to the e-mail and every log line still
 * names its trace; nothing is recorded or sent anywhere. Any explicit
 * {@code quarkus.otel.traces.sampler.arg} (application.properties, environment) wins over this source.
 */
public class TraceExportSwitch implements ConfigSource {

    static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SAMPLER_RATIO = "quarkus.otel.traces.sampler.arg";

    /** Above the built-in defaults, below every file and the environment. */
    private static final int ORDINAL = 50;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SAMPLER_RATIO);
    }

    @Override
    public String getValue(String propertyName) {
        return SAMPLER_RATIO.equals(propertyName) ? ratio(System.getenv()) : null;
    }

    static String ratio(Map<String, String> environment) {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        return endpoint == null || endpoint.isBlank() ? "0.0" : "1.0";
    }

    @Override
    public String getName() {
        return "bakery-trace-export-switch";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
