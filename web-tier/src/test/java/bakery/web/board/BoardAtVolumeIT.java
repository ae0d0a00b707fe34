package bakery.web.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderCommand;
import bakery.contracts.Topics;
import bakery.contracts.serde.OrderCommandDeserializer;
import bakery.testkit.KafkaProbe;
import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.WebTierTest;

/** The board's page and its bulk "picked up", as staff and strangers meet them. */
@QuarkusTest
@WebTierTest
class BoardAtVolumeIT {

    @TestHTTPResource("/")
    URL node;

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
}
