package bakery.web.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderCommand;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.contracts.serde.EventJson;
import bakery.contracts.serde.OrderCommandDeserializer;
import bakery.testkit.Await;
import bakery.testkit.KafkaProbe;
import bakery.web.OrderServiceStub;
import bakery.web.SampleOrders;
import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.SseStream;
import bakery.web.WebTierTest;
import bakery.web.orders.OrderViews;
import bakery.web.orders.StatusFeed;

/** The board's page, its opening stream and its bulk "picked up", as staff and strangers meet them. */
@QuarkusTest
@WebTierTest
class BoardAtVolumeIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    StatusFeed feed;

    @Test
    void theBoardHasACountPerColumnASearchAndPagers() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");

        String page = staff.get("/board").body();

        for (String status : List.of("PLACED", "ACCEPTED", "BAKING", "READY")) {
            assertThat(page).contains("data-testid=\"board-count-" + status + "\"", "data-testid=\"page-next-" + status + "\"");
        }
        assertThat(page).contains("data-testid=\"column-ready\"", "data-testid=\"board-search\"",
                "data-testid=\"bulk-pick-up\"", "data-page-size=\"25\"");
    }

    @Test
    void collectingSeveralReadyOrdersSendsOnePickUpEachNamingTheStaffMember() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        List<UUID> ready = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("csrf", staff.csrfToken())));
        ready.forEach(id -> form.add(Map.entry("id", id.toString())));
        form.add(Map.entry("id", ready.get(0).toString())); // ticked twice: collected once

        HttpResponse<String> done = staff.browser().postForm("/board/orders/pick-up", form);

        assertThat(done.statusCode()).isEqualTo(303);
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            List<OrderCommand> commands = kafka.awaitValues(Topics.ORDERS_COMMANDS, new OrderCommandDeserializer(),
                    c -> ready.contains(c.orderId()), found -> found.size() >= ready.size());
            assertThat(commands).extracting(OrderCommand::orderId).containsExactlyInAnyOrderElementsOf(ready);
            assertThat(commands).allSatisfy(c -> {
                assertThat(c.action()).isEqualTo(OrderCommand.Action.PICK_UP);
                assertThat(c.staffUser()).isEqualTo("staff");
            });
        }
    }

    @Test
    void aBadIdOrTooManyRefuseTheWholeBatchWithAReasonAndSendNothing() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        UUID good = UUID.randomUUID();
        HttpResponse<String> bad = staff.browser().postForm("/board/orders/pick-up", List.of(
                Map.entry("csrf", staff.csrfToken()), Map.entry("id", good.toString()), Map.entry("id", "<script>")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(bad).get("field").asText()).isEqualTo("id");
        assertThat(Shopper.json(bad).get("detail").asText()).contains("'<script>' is not an order id");

        List<Map.Entry<String, String>> many = new ArrayList<>(List.of(Map.entry("csrf", staff.csrfToken())));
        for (int i = 0; i < 201; i++) {
            many.add(Map.entry("id", UUID.randomUUID().toString()));
        }
        HttpResponse<String> tooMany = staff.browser().postForm("/board/orders/pick-up", many);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(tooMany).get("detail").asText()).contains("at most 200");

        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            assertThat(kafka.readAll(Topics.ORDERS_COMMANDS)).noneMatch(r -> r.key().equals(good.toString()));
        }
    }

    @Test
    void strangersAndFormsFromElsewhereCannotCollectOrders() {
        UUID order = UUID.randomUUID();
        Shopper stranger = new Shopper(node.toString());
        stranger.get("/");
        HttpResponse<String> strangers = stranger.postForm("/board/orders/pick-up",
                List.of(Map.entry("csrf", stranger.csrfToken()), Map.entry("id", order.toString())));
        assertThat(strangers.statusCode()).isIn(302, 401, 403);

        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        HttpResponse<String> forged = staff.browser().postForm("/board/orders/pick-up", List.of(Map.entry("id",
                order.toString())));
        assertThat(forged.statusCode()).isEqualTo(403);

        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            assertThat(kafka.readAll(Topics.ORDERS_COMMANDS)).noneMatch(r -> r.key().equals(order.toString()));
        }
    }

    @Test
    void aBoardThatAsksGetsTheOrdersItStartsWithAPageAtATimeAndThenEachChangeOnItsOwn() throws IOException {
        Await.until("status feed joined", feed::joined);
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            waiting.add(id);
            OrderServiceStub.shared().knows(OrderViews.of(SampleOrders.statusChanged(id, OrderStatus.ACCEPTED, 1)));
        }
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");

        try (SseStream board = staff.stream("/api/board/events?snapshot=pages");
                KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("the open orders, a page per event", () -> assertThat(openingOrders(board))
                    .containsAll(waiting));
            List<SseStream.Event> pages = board.events().stream().filter(e -> "orders".equals(e.name())).toList();
            assertThat(pages).as("fewer events than orders").hasSizeLessThan(openingOrders(board).size());
            assertThat(board.events()).as("no order of the opening pages sent again on its own")
                    .noneMatch(e -> "order".equals(e.name()) && waiting.stream().anyMatch(e.data()::contains));

            kafka.send(Topics.ORDERS_STATUS, SampleOrders.statusChanged(waiting.get(0), OrderStatus.BAKING, 2));
            Await.untilAsserted("the change, as one event", () -> assertThat(board.events())
                    .filteredOn(e -> "order".equals(e.name())).extracting(SseStream.Event::id)
                    .contains(waiting.get(0) + ":2"));
        }
    }

    @Test
    void anOpeningTheBoardDoesNotKnowIsRefusedWithItsReason() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");

        HttpResponse<String> refused = staff.get("/api/board/events?snapshot=everything");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(refused).get("field").asText()).isEqualTo("snapshot");
        assertThat(Shopper.json(refused).get("detail").asText()).contains("'pages'", "'everything'");
    }

    /** Every order id in the stream's "orders" events so far. */
    private static List<String> openingOrders(SseStream board) throws IOException {
        List<String> ids = new ArrayList<>();
        for (SseStream.Event page : board.events()) {
            if ("orders".equals(page.name())) {
                EventJson.MAPPER.readTree(page.data()).forEach(order -> ids.add(order.get("orderId").asText()));
            }
        }
        return ids;
    }
}
