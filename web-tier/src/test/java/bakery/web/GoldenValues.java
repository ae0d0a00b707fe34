package bakery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import bakery.contracts.serde.EventJson;

/**
 * Redis values as a release wrote them, from {@code golden/<release>/}: the release before ({@code release-1.0}) and
 * one a later release may write ({@code next}). A fixture is never edited; {@code ${now}} stands for the current time
 * in milliseconds, so a value from the fixture has not expired.
 */
public final class GoldenValues {

    private GoldenValues() {
    }

    /** The fixture {@code golden/<release>/<file>}. */
    public static JsonNode fixture(String release, String file) {
        String name = "/bakery/web/golden/" + release + "/" + file;
        try (InputStream in = GoldenValues.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return EventJson.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** A JSON object's fields as the Redis hash it stands for. */
    public static Map<String, String> hash(JsonNode object) {
        Map<String, String> fields = new HashMap<>();
        object.fields().forEachRemaining(f -> fields.put(f.getKey(),
                f.getValue().asText().replace("${now}", Long.toString(System.currentTimeMillis()))));
        return fields;
    }
}
