package bakery.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import bakery.contracts.BakeEvent;
import bakery.contracts.BakeRequest;
import bakery.contracts.BakeryEvent;
import bakery.contracts.OrderCommand;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.SampleEvents;

class EventSerdeTest {

    private static final Map<Class<?>, Deserializer<? extends BakeryEvent>> READERS = Map.of(
            OrderPlaced.class, new OrderPlacedDeserializer(),
            OrderCommand.class, new OrderCommandDeserializer(),
            BakeRequest.class, new BakeRequestDeserializer(),
            BakeEvent.class, new BakeEventDeserializer(),
            OrderStatusChanged.class, new OrderStatusChangedDeserializer());

    private final EventSerializer writer = new EventSerializer();

    @Test
    void everyEventSurvivesARoundTrip() {
        for (BakeryEvent event : SampleEvents.oneOfEach()) {
            byte[] json = writer.serialize("t", event);
            assertThat(READERS.get(event.getClass()).deserialize("t", json)).isEqualTo(event);
        }
    }

    @Test
    void everyEventCarriesItsSchemaVersion() {
        for (BakeryEvent event : SampleEvents.oneOfEach()) {
            assertThat(text(writer.serialize("t", event))).contains("\"schemaVersion\":1");
        }
    }

    @Test
    void instantsAreWrittenAsIsoText() {
        String json = text(writer.serialize("t", SampleEvents.oneOfEach().get(0)));
        assertThat(json).contains("\"placedAt\":\"2026-11-21T08:30:00Z\"");
    }

    @Test
    void aNewerWriterWithExtraFieldsIsStillRead() {
        String json = """
                {"schemaVersion":2,"orderId":"019a8f2e-7c00-7abc-8def-0123456789ab","stage":"FINISHED",
                 "workerNode":"baking-worker-2","at":"2026-11-21T08:30:00Z","ovenTemperature":220,
                 "crust":{"colour":"golden"}}""";
        BakeEvent event = new BakeEventDeserializer().deserialize("bake.events", bytes(json));
        assertThat(event.stage()).isEqualTo(BakeEvent.Stage.FINISHED);
        assertThat(event.schemaVersion()).isEqualTo(2);
    }

    @Test
    void anOrderPlacedByTheReleaseBeforeHasNoIdempotencyScope() {
        String json = text(writer.serialize("t", SampleEvents.oneOfEach().get(0))).replace(",\"idempotencyScope\":null", "");
        assertThat(json).doesNotContain("idempotencyScope");
        OrderPlaced before = new OrderPlacedDeserializer().deserialize("orders.placed", bytes(json));
        assertThat(before.idempotencyKey()).isEqualTo("idem-1");
        assertThat(before.idempotencyScope()).isNull();
    }

    @Test
    void theIdempotencyScopeTravelsWithTheOrder() {
        OrderPlaced scoped = OrderPlaced.of(SampleEvents.ORDER, "idem-1", "c2NvcGU", SampleEvents.ANNA, SampleEvents.LINES,
                SampleEvents.AT, SampleEvents.AT, "web-1");
        byte[] json = writer.serialize("t", scoped);
        assertThat(text(json)).contains("\"idempotencyScope\":\"c2NvcGU\"");
        assertThat(new OrderPlacedDeserializer().deserialize("orders.placed", json).idempotencyScope()).isEqualTo("c2NvcGU");
    }

    @Test
    void garbageNamesTheTopic() {
        assertThatThrownBy(() -> new OrderPlacedDeserializer().deserialize("orders.placed", bytes("not json {")))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("orders.placed")
                .hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(((EventFormatException) e).field()).isNull());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        String json = """
                {"schemaVersion":1,"stage":"STARTED","workerNode":"w","at":"2026-11-21T08:30:00Z"}""";
        assertThatThrownBy(() -> new BakeEventDeserializer().deserialize("bake.events", bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("bake.events")
                .hasMessageContaining("orderId")
                .satisfies(e -> assertThat(((EventFormatException) e).field()).isEqualTo("orderId"));
    }

    @Test
    void aMissingSchemaVersionIsRefused() {
        String json = """
                {"orderId":"019a8f2e-7c00-7abc-8def-0123456789ab","stage":"STARTED","workerNode":"w","at":"2026-11-21T08:30:00Z"}""";
        assertThatThrownBy(() -> new BakeEventDeserializer().deserialize("bake.events", bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .satisfies(e -> assertThat(((EventFormatException) e).field()).isEqualTo("schemaVersion"));
    }

    @Test
    void anUnknownStatusIsARecordForANewerReaderWithItsField() {
        String json = text(writer.serialize("t", SampleEvents.oneOfEach().get(4))).replace("\"READY\"", "\"BURNT\"");
        assertThatThrownBy(() -> new OrderStatusChangedDeserializer().deserialize("orders.status", bytes(json)))
                .isInstanceOf(NewerEventException.class)
                .hasMessageContaining("'BURNT' is not a OrderStatus this release knows")
                .satisfies(e -> assertThat(((EventFormatException) e).field()).isEqualTo("status"));
    }

    @Test
    void aWrongTypeInsideAListIsLocated() {
        String json = text(writer.serialize("t", SampleEvents.oneOfEach().get(0))).replace("\"quantity\":2",
                "\"quantity\":\"two\"");
        assertThatThrownBy(() -> new OrderPlacedDeserializer().deserialize("orders.placed", bytes(json)))
                .isInstanceOf(EventFormatException.class)
                .isNotInstanceOf(NewerEventException.class)
                .satisfies(e -> assertThat(((EventFormatException) e).field()).isEqualTo("lines[0].quantity"));
    }

    @Test
    void jsonNullAndEmptyObjectsAreRefused() {
        assertThatThrownBy(() -> new OrderPlacedDeserializer().deserialize("orders.placed", bytes("null")))
                .isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> new OrderPlacedDeserializer().deserialize("orders.placed", bytes("{}")))
                .isInstanceOf(EventFormatException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
