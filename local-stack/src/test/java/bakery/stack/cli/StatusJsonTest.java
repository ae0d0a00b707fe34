package bakery.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import bakery.stack.figures.KeyFigures;
import bakery.stack.process.StateFile;

class StatusJsonTest {

    @Test
    void statusJsonCarriesEachInstanceAndTheKeyFigures() throws Exception {
        var report = new StatusCommand.Report(true,
                List.of(new StatusCommand.InstanceStatus("baking-worker", "baking-worker-1", 4242, 8100, 9200, true, true,
                        180_000L, 12L)),
                List.of(), null,
                new KeyFigures.Figures(Duration.ofSeconds(2), Map.of("ready", 3.5), Map.of("placed-to-ready", 1.2)));

        JsonNode json = StateFile.JSON.readTree(StateFile.JSON.writeValueAsString(report));

        JsonNode baker = json.get("instances").get(0);
        assertThat(baker.get("service").asText()).isEqualTo("baking-worker");
        assertThat(baker.get("id").asText()).isEqualTo("baking-worker-1");
        assertThat(baker.get("pid").asLong()).isEqualTo(4242);
        assertThat(baker.get("port").asInt()).isEqualTo(8100);
        assertThat(baker.get("managementPort").asInt()).isEqualTo(9200);
        assertThat(baker.get("ready").asBoolean()).isTrue();
        assertThat(json.get("figures").get("ordersPerSecond").get("ready").asDouble()).isEqualTo(3.5);
    }
}
