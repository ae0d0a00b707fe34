package bakery.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void readsTheTimeOfEveryKindOfLogTheStackWrites() {
        assertThat(LogLines.timeOf("{\"timestamp\":\"2026-11-22T00:05:58.583425309Z\",\"level\":\"INFO\"}"))
                .isEqualTo("2026-11-22 00:05:58.583");
        assertThat(LogLines.timeOf("2026-11-22 00:04:56,903 [main] INFO KafkaServer - started"))
                .isEqualTo("2026-11-22 00:04:56.903");
        assertThat(LogLines.timeOf("4217:M 22 Nov 2026 00:04:55.458 * Ready to accept connections"))
                .isEqualTo("2026-11-22 00:04:55.458");
        assertThat(LogLines.timeOf("2026/11/22 00:05:04 [notice] 4399#4399: start worker processes"))
                .isEqualTo("2026-11-22 00:05:04.000");
        assertThat(LogLines.timeOf("127.0.0.1 - - [22/Nov/2026:00:07:01 +0000] \"GET / HTTP/1.1\" 200"))
                .isEqualTo("2026-11-22 00:07:01.000");
        assertThat(LogLines.timeOf("\tat bakery.Oven.bake(Oven.java:42)")).isNull();
    }

    @Test
    void mergesNodesInTimeOrderAndKeepsStackTracesWithTheirMessage() {
        Map<String, List<String>> logs = new LinkedHashMap<>();
        logs.put("web-1", List.of("2026-11-22 10:00:01,000 INFO placed", "2026-11-22 10:00:04,000 INFO shown"));
        logs.put("baking-worker-1", List.of("2026-11-22 10:00:02,000 ERROR oven jammed", "\tat bakery.Oven.bake(Oven.java:42)",
                "2026-11-22 10:00:03,000 INFO baked"));

        List<String> merged = LogLines.merge(logs).stream().map(l -> l.prefixed(15)).toList();

        assertThat(merged).containsExactly(
                "web-1           | 2026-11-22 10:00:01,000 INFO placed",
                "baking-worker-1 | 2026-11-22 10:00:02,000 ERROR oven jammed",
                "baking-worker-1 | \tat bakery.Oven.bake(Oven.java:42)",
                "baking-worker-1 | 2026-11-22 10:00:03,000 INFO baked",
                "web-1           | 2026-11-22 10:00:04,000 INFO shown");
    }
}
