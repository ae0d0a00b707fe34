package bakery.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import bakery.servers.metrics.MetricsPage;
import bakery.servers.readiness.Probes;

/**
 * A node's {@code /q/metrics} page on its management port as a test reads it
 * ({@link MetricsPage}): samples by name and labels.
 */
public final class ScrapedMetrics extends MetricsPage {

    private static final Probes PROBES = new Probes(Duration.ofSeconds(5));

    private ScrapedMetrics(List<Sample> samples) {
        super(samples);
    }

    /**
     * @param managementUrl any URL on the node's management port ({@link ServiceProcess#managementUrl()}, or what
     *        {@code @TestHTTPResource(management = true)} injects): only its host and port count
     */
    public static ScrapedMetrics of(String managementUrl) {
        return new ScrapedMetrics(MetricsPage.of(URI.create(managementUrl).resolve("/q/metrics"), PROBES).samples());
    }
}
