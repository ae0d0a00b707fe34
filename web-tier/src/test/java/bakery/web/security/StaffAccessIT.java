package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import bakery.contracts.OrderCommand;
import bakery.contracts.OrderStatus;
import bakery.contracts.Topics;
import bakery.contracts.api.CustomerName;
import bakery.contracts.serde.OrderCommandDeserializer;
import bakery.testkit.Await;
import bakery.testkit.ForgedStaffCookie;
import bakery.testkit.KafkaProbe;
import bakery.web.OrderServiceStub;
import bakery.web.SampleOrders;
import bakery.web.Shopper;
import bakery.web.SignedInStaff;
import bakery.web.SseStream;
import bakery.web.WebTierTest;
import bakery.web.orders.OrderViews;
import bakery.web.orders.StatusFeed;

@QuarkusTest
@WebTierTest
class StaffAccessIT {

    @TestHTTPResource("/")
    URL node;

    @Inject
    StatusFeed feed;

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    String cookieKey;

    @Test
    void boardWithoutSignInRedirectsToTheSignInPage() {
        HttpResponse<String> board = new Shopper(node.toString()).get("/board");
        assertThat(board.statusCode()).isEqualTo(302);
        assertThat(board.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
        assertThat(new Shopper(node.toString()).get("/signin").body()).contains("data-testid=\"signin-form\"");
    }

    @Test
    void aSignInPostedFromAnotherSitesPageIsRefused() {
        Shopper browser = new Shopper(node.toString());
        Map<String, String> form = Map.of("j_username", "staff", "j_password", "staff-demo");

        HttpResponse<String> forged = browser.postForm("/j_security_check", form, "Origin", "https://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("FADU_STAFF="));

        HttpResponse<String> ours = browser.postForm("/j_security_check", form, "Origin",
                "http://" + node.getHost() + ":" + node.getPort());
        assertThat(ours.statusCode()).isEqualTo(302);
        assertThat(ours.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("FADU_STAFF="));
    }

    @Test
    void aSignInCookieForgedWithAnyKeyButTheNodesIsRefused() {
        String forged = ForgedStaffCookie.value(ForgedStaffCookie.OLD_DEMO_KEY, "ops", Duration.ofHours(1));
        HttpResponse<String> refused = new Shopper(node.toString()).get("/api/ops/snapshot", "Cookie", "FADU_STAFF=" + forged);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/signin");

        // Even the node's own key mints nothing: the cookie must name a staff session that is open.
        String withOurKey = ForgedStaffCookie.value(cookieKey, "ops", Duration.ofHours(1));
        assertThat(new Shopper(node.toString()).get("/api/ops/snapshot", "Cookie", "FADU_STAFF=" + withOurKey).statusCode())
                .isEqualTo(302);

        // A real sign-in's cookie, read and sealed again: under the old key it is refused, under the
        // node's own key it gets in, so the refusal above is the key's doing.
        String contents = ForgedStaffCookie.open(cookieKey,
                SignedInStaff.signIn(node.toString(), "ops", "ops-demo").credential());
        String resealedOld = ForgedStaffCookie.seal(ForgedStaffCookie.OLD_DEMO_KEY, contents);
        String resealedOurs = ForgedStaffCookie.seal(cookieKey, contents);
        assertThat(new Shopper(node.toString()).get("/api/ops/snapshot", "Cookie", "FADU_STAFF=" + resealedOld).statusCode())
                .isEqualTo(302);
        assertThat(new Shopper(node.toString()).get("/api/ops/snapshot", "Cookie", "FADU_STAFF=" + resealedOurs).statusCode())
                .isEqualTo(200);
    }

    @Test
    void wrongPasswordIsTurnedAway() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "not-the-password");
        assertThat(staff.get("/board").statusCode()).isEqualTo(302);
    }

    @Test
    void staffSeesTheBoardButNotTheOpsConsole() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        HttpResponse<String> board = staff.get("/board");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("data-testid=\"staff-user\">staff", "data-testid=\"column-ready\"");
        assertThat(staff.get("/ops").statusCode()).isEqualTo(403);
    }

    @Test
    void opsSeesTheOpsConsole() {
        SignedInStaff ops = SignedInStaff.signIn(node.toString(), "ops", "ops-demo");
        assertThat(ops.get("/ops").statusCode()).isEqualTo(200);
        assertThat(ops.get("/board").statusCode()).isEqualTo(200);
    }

    @Test
    void pickUpFromTheBoardIsSentAsACommandNamingTheStaffMember() {
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");
        UUID orderId = UUID.randomUUID();
        String csrf = staff.csrfToken();

        assertThat(staff.postForm("/board/orders/" + orderId + "/pick-up", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> done = staff.postForm("/board/orders/" + orderId + "/pick-up", Map.of("csrf", csrf));
        assertThat(done.statusCode()).isEqualTo(303);

        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            List<OrderCommand> commands = kafka.awaitValues(Topics.ORDERS_COMMANDS, new OrderCommandDeserializer(),
                    c -> c.orderId().equals(orderId), found -> !found.isEmpty());
            assertThat(commands).singleElement().satisfies(c -> {
                assertThat(c.action()).isEqualTo(OrderCommand.Action.PICK_UP);
                assertThat(c.staffUser()).isEqualTo("staff");
            });
        }
    }

    @Test
    void boardStreamShowsActiveOrdersThenEveryChange() {
        Await.until("status feed joined", feed::joined);
        String waiting = UUID.randomUUID().toString();
        OrderServiceStub.shared().knows(OrderViews.of(SampleOrders.statusChanged(waiting, OrderStatus.BAKING, 2)));
        SignedInStaff staff = SignedInStaff.signIn(node.toString(), "staff", "staff-demo");

        try (SseStream board = staff.stream("/api/board/events"); KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Await.untilAsserted("active order on the board", () -> assertThat(board.events())
                    .anySatisfy(e -> assertThat(e.data()).contains(waiting, "BAKING")));
            String fresh = UUID.randomUUID().toString();
            kafka.send(Topics.ORDERS_STATUS, SampleOrders.statusChanged(fresh, OrderStatus.ACCEPTED, 1));
            kafka.send(Topics.ORDERS_STATUS, SampleOrders.statusChanged(waiting, OrderStatus.READY, 3));
            Await.untilAsserted("changes on the board", () -> assertThat(board.events()).extracting(SseStream.Event::id)
                    .contains(fresh + ":1", waiting + ":3"));
            // The status events carry the customer's address for the notifier; the board shows the name alone.
            assertThat(board.events()).filteredOn(e -> e.id().startsWith(fresh)).singleElement()
                    .satisfies(e -> assertThat(e.data()).contains("\"name\":\"Ada\"")
                            .doesNotContain(SampleOrders.statusChanged(fresh, OrderStatus.ACCEPTED, 1).customer().email()));
            assertThat(board.events()).as("no customer's address on the board").allSatisfy(e -> assertThat(e.data())
                    .doesNotContainPattern("\"email\":\"(?!" + Pattern.quote(CustomerName.WITHHELD_EMAIL) + ")"));
        }
        try (SseStream stranger = new Shopper(node.toString()).stream("/api/board/events", null)) {
            assertThat(stranger.status()).isEqualTo(302);
        }
    }
}
