package bakery.testkit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Every span a service finishes in a test, kept in memory (the tests export nowhere else); tests inject the
 * {@link InMemorySpanExporter}. A bean in every {@code @QuarkusTest}: the testkit jar is a bean archive.
 */
@Singleton
public class RecordedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
