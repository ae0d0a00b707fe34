package bakery.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void usesTheDesignPortsByDefault() {
        StackSettings s = StackSettings.load(Map.of());

        assertThat(s.port("balancer")).isEqualTo(8080);
        assertThat(s.port("web-tier")).isEqualTo(8081);
        assertThat(s.port("order-service")).isEqualTo(8090);
        assertThat(s.port("baking-worker")).isEqualTo(8100);
        assertThat(s.port("notification-worker")).isEqualTo(8110);
        assertThat(s.port("kafka")).isEqualTo(9092);
    }

    @Test
    void anOffsetFromTheEnvironmentMovesEveryPort() {
        StackSettings s = StackSettings.load(Map.of("BAKERY_PORT_OFFSET", "20000"));

        assertThat(s.port("balancer")).isEqualTo(28080);
        assertThat(s.port("redis")).isEqualTo(26379);
    }

    @Test
    void environmentOverridesAnySetting() {
        StackSettings s = StackSettings.load(Map.of("BAKERY_NODE_JAVA_OPTIONS", "-Xmx256m", "BAKERY_STOP_TIMEOUT", "5s"));

        assertThat(s.words("node.java-options")).containsExactly("-Xmx256m");
        assertThat(s.duration("stop-timeout")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void boundsEveryNodesHeap() {
        assertThat(StackSettings.load(Map.of()).words("node.java-options")).anyMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void readsDurationsAsWritten() {
        assertThat(StackSettings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(StackSettings.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aShortRunReadsItsOwnSettingsWhereItHasThemAndTheCommandsOtherwise() {
        StackSettings full = StackSettings.load(Map.of("BAKERY_BENCH_CAPACITY_DURATION", "7s"));
        StackSettings brief = full.shortRun("bench");

        assertThat(brief.duration("bench.mix.duration")).isLessThan(full.duration("bench.mix.duration"));
        // no short setting of its own: the command's
        assertThat(brief.text("bench.trivial-get-path")).isEqualTo(full.text("bench.trivial-get-path"));
        // other commands' settings are untouched
        assertThat(brief.list("capacity.steps")).isEqualTo(full.list("capacity.steps"));
        // a variable set for the setting still wins
        assertThat(brief.duration("bench.capacity.duration")).isEqualTo(Duration.ofSeconds(7));
    }
}
