package bakery.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import bakery.contracts.serde.EventJson;

/** A node's log as the JSON lines it writes in prod; lines that are not JSON (a JVM warning) are skipped. */
final class JsonLogLines {

    private JsonLogLines() {
    }

    static List<JsonNode> of(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("{"))
                .map(JsonLogLines::parse)
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return EventJson.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON log line: " + line, e);
        }
    }
}
