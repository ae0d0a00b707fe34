package bakery.web.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.web.WebTierTest;

/**
 * What the balancer forwards reaches the public port only: there /q/health, /q/metrics and /q/openapi are not found, while
 * the management port, where probes and Prometheus ask, answers them.
 */
@QuarkusTest
@WebTierTest
class HealthAndMetricsOnlyOnTheManagementPortIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TestHTTPResource("/")
    URL publicPort;

    @TestHTTPResource(value = "/", management = true)
    URL managementPort;

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics",
            "/q/openapi" })
    void thePublicPortKnowsNothingUnderQ(String path) throws Exception {
        HttpResponse<String> answer = get(publicPort, path);

        assertThat(answer.statusCode()).as("%s on the public port: %s", path, answer.body()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("\"checks\"", "jvm_memory", "openapi");
        assertThat(answer.headers().firstValue("X-Served-By")).as("still served by this node").hasValue("web-test");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics", "/q/openapi" })
    void theManagementPortAnswersProbesAndScrapes(String path) throws Exception {
        HttpResponse<String> answer = get(managementPort, path);

        assertThat(managementPort.getPort()).isNotEqualTo(publicPort.getPort());
        assertThat(answer.statusCode()).as("%s on the management port: %s", path, answer.body()).isEqualTo(200);
        assertThat(answer.body()).isNotBlank();
    }

    private static HttpResponse<String> get(URL root, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + root.getHost() + ":" + root.getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
