package bakery.web.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import bakery.contracts.api.OvenQueue;
import bakery.web.OrderServiceStub;
import bakery.web.Shopper;
import bakery.web.WebTierTest;

/** Checkout offers the pickup slots the ovens can meet, and refuses a slot that has become too early. */
@QuarkusTest
@WebTierTest
class PickupSlotsIT {

    private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]+)\"( selected)?");
    /** Three hours of oven time for each of the fleet's 8 oven slots (application.properties). */
    private static final OvenQueue BUSY = new OvenQueue(500, 8 * 3 * 3600);

    @TestHTTPResource("/")
    URL node;

    @ConfigProperty(name = "bakery.web.zone")
    ZoneId zone;

    @AfterEach
    void emptyOvens() {
        OrderServiceStub.shared().ovensHaveAhead(new OvenQueue(0, 0));
    }

    @Test
    void theFormOffersTheEarliestSlotTheOvensCanMeetChosenAndLaterOnes() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("sourdough", 1); // 120 s in the oven
        Instant before = Instant.now();

        List<String[]> options = options(shopper.get("/checkout").body());

        assertThat(options).hasSize(16);
        assertThat(options.get(0)[1]).as("the earliest slot is chosen").isNotNull();
        assertThat(options.subList(1, options.size())).allSatisfy(o -> assertThat(o[1]).isNull());
        Instant earliest = instant(options.get(0)[0]);
        // 2 minutes of baking and 5 of packing, rounded up to the next quarter hour
        assertThat(earliest).isAfterOrEqualTo(before.plus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.MINUTES))
                .isBefore(before.plus(Duration.ofMinutes(7 + 15 + 1)));
        assertThat(instant(options.get(1)[0])).isEqualTo(earliest.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aBusyOvenMovesTheEarliestSlotLater() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 2);
        Instant quiet = instant(options(shopper.get("/checkout").body()).get(0)[0]);

        OrderServiceStub.shared().ovensHaveAhead(BUSY);
        Instant busy = instant(options(shopper.get("/checkout").body()).get(0)[0]);

        assertThat(busy).isAfterOrEqualTo(quiet.plus(Duration.ofHours(3)));
    }

    @Test
    void aSlotThatBecameTooEarlyIsRefusedNamingTheNextAndTheCartStays() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("pretzel", 3);
        String tooSoon = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).toString();
        OrderServiceStub.shared().ovensHaveAhead(BUSY);

        HttpResponse<String> refused = shopper.checkout("early-" + UUID.randomUUID(), "Ada", "ada@example.org", tooSoon);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "application/problem+json"));
        assertThat(Shopper.json(refused).get("field").asText()).isEqualTo("pickupAt");
        String next = Shopper.json(refused).get("nextPickupAt").asText();
        assertThat(Instant.parse(next)).isAfter(Instant.now().plus(Duration.ofHours(3)));
        assertThat(Shopper.json(refused).get("detail").asText()).contains("earliest pickup now is " + next);
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(3);

        HttpResponse<String> atTheNext = shopper.checkout("next-" + UUID.randomUUID(), "Ada", "ada@example.org", next);
        assertThat(atTheNext.statusCode()).isEqualTo(202);
    }

    @Test
    void theFormSaysWhenItsSlotBecameTooEarlyAndChoosesTheNextOne() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("macaron", 1);
        String page = shopper.get("/checkout").body();
        String chosen = options(page).get(0)[0];
        OrderServiceStub.shared().ovensHaveAhead(BUSY);

        HttpResponse<String> refused = shopper.postForm("/checkout", Map.of("csrf", shopper.csrfToken(),
                "idempotencyKey", formKey(page), "name", "Grace", "email", "grace@example.org", "pickupAt", chosen));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("data-testid=\"checkout-problem\"", "The earliest pickup now is", "chosen below");
        String[] first = options(refused.body()).get(0);
        assertThat(first[1]).isNotNull();
        assertThat(instant(first[0])).isAfterOrEqualTo(instant(chosen).plus(Duration.ofHours(3)));
        assertThat(refused.body()).contains("Grace");
    }

    @Test
    void nonsenseSlotsAreRefusedWithAReason() {
        Shopper shopper = new Shopper(node.toString());
        shopper.addToCart("croissant", 1);
        String page = shopper.get("/checkout").body();
        for (String hostile : List.of("tomorrow", "2026-13-45T10:00", "'; DROP TABLE orders; --", "9".repeat(500))) {
            HttpResponse<String> form = shopper.postForm("/checkout", Map.of("csrf", shopper.csrfToken(),
                    "idempotencyKey", formKey(page), "name", "Grace", "email", "grace@example.org", "pickupAt", hostile));
            assertThat(form.statusCode()).as(hostile).isEqualTo(400);
            assertThat(form.body()).as(hostile).contains("data-testid=\"error-pickupAt\"",
                    "choose one of the pickup times offered");

            HttpResponse<String> json = shopper.postJson("/api/checkout", "{\"name\":\"Ada\",\"email\":\"ada@example.org\","
                    + "\"pickupAt\":\"" + hostile.replace("'", "") + "\"}", "Idempotency-Key", "bad-" + UUID.randomUUID());
            assertThat(json.statusCode()).as(hostile).isEqualTo(400);
            assertThat(Shopper.json(json).get("detail").asText()).as(hostile).isNotBlank();
        }
        assertThat(shopper.cart().get("itemCount").asInt()).isEqualTo(1);
    }

    private Instant instant(String formValue) {
        return LocalDateTime.parse(formValue).atZone(zone).toInstant();
    }

    /** Each option's value and whether it is selected (null when not). */
    private static List<String[]> options(String page) {
        Matcher m = OPTION.matcher(page);
        List<String[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new String[] { m.group(1), m.group(2) });
        }
        return found;
    }

    private static String formKey(String page) {
        return page.replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");
    }
}
