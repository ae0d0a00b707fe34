package bakery.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeLine;
import bakery.contracts.BakeRequest;
import bakery.contracts.BakeryEvent;
import bakery.contracts.OrderCommand;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.SampleEvents;

/**
 * Events as the release before wrote them ({@code golden/release-1.0}) and as a release after might write them
 * ({@code golden/next}: more fields, a higher schema version, values this release does not know). During a rolling
 * upgrade both kinds arrive at this release's readers, and what this release writes arrives at the release before's.
 * A fixture is never edited: a new release adds a directory.
 */
class GoldenEventsTest {

    private static final String RELEASE_BEFORE = "release-1.0";
    private static final String NEXT = "next";

    private static final Map<Class<? extends BakeryEvent>, Deserializer<? extends BakeryEvent>> READERS = Map.of(
            OrderPlaced.class, new OrderPlacedDeserializer(),
            OrderCommand.class, new OrderCommandDeserializer(),
            BakeRequest.class, new BakeRequestDeserializer(),
            BakeEvent.class, new BakeEventDeserializer(),
            OrderStatusChanged.class, new OrderStatusChangedDeserializer());

    /** What each fixture of the release before says, as this release's records. */
    private static final Map<Class<? extends BakeryEvent>, BakeryEvent> MEANT = Map.of(
            OrderPlaced.class, OrderPlaced.of(SampleEvents.ORDER, "idem-1", "c2NvcGU", SampleEvents.ANNA, SampleEvents.LINES,
                    SampleEvents.AT.plusSeconds(3600), SampleEvents.AT, "web-1"),
            OrderCommand.class, OrderCommand.of(SampleEvents.ORDER, OrderCommand.Action.CANCEL, "staff", SampleEvents.AT),
            BakeRequest.class, BakeRequest.of(SampleEvents.ORDER, List.of(new BakeLine("CROISSANT", 2, 900)), SampleEvents.AT),
            BakeEvent.class, BakeEvent.started(SampleEvents.ORDER, "baking-worker-1", SampleEvents.AT),
            OrderStatusChanged.class, new OrderStatusChanged(1, SampleEvents.ORDER, OrderStatus.READY, 4, null,
                    SampleEvents.ANNA, SampleEvents.LINES, 1130, SampleEvents.AT, SampleEvents.AT));

    static Stream<Class<?>> everyEvent() {
        return Arrays.stream(BakeryEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyEventHasAGoldenFixtureOfEachKind() {
        for (Class<?> type : BakeryEvent.class.getPermittedSubclasses()) {
            assertThat(GoldenEventsTest.class.getResource(path(RELEASE_BEFORE, type))).as(path(RELEASE_BEFORE, type))
                    .isNotNull();
            assertThat(GoldenEventsTest.class.getResource(path(NEXT, type))).as(path(NEXT, type)).isNotNull();
            assertThat(READERS).as("a reader for " + type.getSimpleName()).containsKey(type.asSubclass(BakeryEvent.class));
        }
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void theReleaseBeforesEventsAreReadAsTheyWereMeant(Class<?> type) {
        BakeryEvent read = READERS.get(type).deserialize("t", fixture(RELEASE_BEFORE, type));

        assertThat(read).isEqualTo(MEANT.get(type));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void theNextReleasesEventsAreReadWithTheirExtraFieldsIgnored(Class<?> type) {
        BakeryEvent read = READERS.get(type).deserialize("t", fixture(NEXT, type));

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read).usingRecursiveComparison().ignoringFields("schemaVersion").isEqualTo(MEANT.get(type));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void whatThisReleaseWritesStillHasEveryFieldTheReleaseBeforeReads(Class<?> type) throws IOException {
        JsonNode before = EventJson.MAPPER.readTree(fixture(RELEASE_BEFORE, type));
        JsonNode now = EventJson.MAPPER.readTree(new EventSerializer().serialize("t", MEANT.get(type)));

        assertThat(missingIn(now, before, "")).as("fields the release before reads but this release no longer writes")
                .isEmpty();
        assertThat(now.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(before.get("schemaVersion").asInt());
    }

    @Test
    void aValueOnlyANewerReleaseKnowsIsARecordForANewerReaderNotPoison() throws IOException {
        JsonNode unknown = EventJson.MAPPER.readTree(resource(NEXT + "/unknown-values.json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = unknown.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Class<?> type = everyEvent().filter(t -> t.getSimpleName().equals(entry.getKey())).findFirst().orElseThrow();
            String field = entry.getValue().get("field").asText();
            ObjectNode event = (ObjectNode) EventJson.MAPPER.readTree(fixture(NEXT, type));
            event.put(field, entry.getValue().get("value").asText());
            byte[] json = EventJson.MAPPER.writeValueAsBytes(event);

            assertThatThrownBy(() -> READERS.get(type).deserialize("t", json)).as(type.getSimpleName())
                    .isInstanceOf(NewerEventException.class)
                    .hasMessageContaining(entry.getValue().get("value").asText())
                    .satisfies(e -> assertThat(((NewerEventException) e).field()).isEqualTo(field))
                    .satisfies(e -> assertThat(NewerEventException.isNewer(e.getMessage())).isTrue());
        }
    }

    /** Dotted paths of every field {@code expected} has and {@code actual} lacks (list elements by their first). */
    private static List<String> missingIn(JsonNode actual, JsonNode expected, String prefix) {
        List<String> missing = new ArrayList<>();
        if (expected.isArray() && expected.size() > 0 && actual.isArray() && actual.size() > 0) {
            missing.addAll(missingIn(actual.get(0), expected.get(0), prefix + "[0]"));
        }
        for (Iterator<String> names = expected.fieldNames(); names.hasNext();) {
            String name = names.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (!actual.has(name)) {
                missing.add(path);
            } else {
                missing.addAll(missingIn(actual.get(name), expected.get(name), path));
            }
        }
        return missing;
    }

    private static String path(String release, Class<?> type) {
        return "/bakery/contracts/golden/" + release + "/" + type.getSimpleName() + ".json";
    }

    private static byte[] fixture(String release, Class<?> type) {
        return resource(release + "/" + type.getSimpleName() + ".json");
    }

    private static byte[] resource(String name) {
        try (InputStream in = GoldenEventsTest.class.getResourceAsStream("/bakery/contracts/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
