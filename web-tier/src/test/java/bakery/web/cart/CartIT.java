package bakery.web.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import bakery.web.Shopper;
import bakery.web.WebTierTest;

@QuarkusTest
@WebTierTest
class CartIT {

    @TestHTTPResource("/")
    URL node;

    @Test
    void catalogShowsPricesAndAllergens() {
        Shopper shopper = new Shopper(node.toString());
        JsonNode catalog = Shopper.json(shopper.get("/api/catalog"));
        assertThat(catalog.findValuesAsText("sku")).contains("croissant", "sourdough");

        String page = shopper.get("/").body();
        assertThat(page).contains("Butter croissant", "€1.80", "Contains: gluten, milk, egg");
    }

    @Test
    void addChangeAndRemoveKeepTheCartAndItsTotalRight() {
        Shopper shopper = new Shopper(node.toString());
        assertThat(shopper.addToCart("croissant", 2).statusCode()).isEqualTo(200);
        assertThat(shopper.addToCart("croissant", 3).statusCode()).isEqualTo(200);
        shopper.addToCart("sourdough", 1);
        assertThat(quantity(shopper.cart(), "croissant")).isEqualTo(5);
        assertThat(shopper.cart().get("totalCents").asLong()).isEqualTo(5 * 180 + 550);

        assertThat(shopper.putJson("/api/cart/items/croissant", "{\"quantity\":1}").statusCode()).isEqualTo(200);
        assertThat(quantity(shopper.cart(), "croissant")).isEqualTo(1);

        assertThat(shopper.delete("/api/cart/items/sourdough").statusCode()).isEqualTo(200);
        assertThat(shopper.cart().get("lines")).hasSize(1);
        assertThat(shopper.cart().get("totalCents").asLong()).isEqualTo(180);
    }

    @Test
    void quantityOutsideOneToFiftyIsRefusedWithTheField() {
        Shopper shopper = new Shopper(node.toString());
        for (int quantity : new int[] { 0, 51, -3 }) {
            HttpResponse<String> response = shopper.addToCart("pretzel", quantity);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Shopper.json(response).get("field").asText()).isEqualTo("quantity");
        }
        shopper.addToCart("pretzel", 30);
        HttpResponse<String> over = shopper.addToCart("pretzel", 21);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(over).get("field").asText()).isEqualTo("quantity");
        assertThat(quantity(shopper.cart(), "pretzel")).isEqualTo(30);
    }

    @Test
    void unknownProductIsRefusedAndNothingIsStored() {
        Shopper shopper = new Shopper(node.toString());
        HttpResponse<String> response = shopper.addToCart("unicorn-bun", 1);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Shopper.json(response).get("field").asText()).isEqualTo("sku");
        assertThat(shopper.cart().get("lines")).isEmpty();
    }

    @Test
    void formPostWithoutItsTokenIsForbiddenAndWithItWorks() {
        Shopper shopper = new Shopper(node.toString());
        String token = shopper.csrfToken();

        HttpResponse<String> forged = shopper.postForm("/cart/items", Map.of("sku", "croissant", "quantity", "2"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = shopper.postForm("/cart/items",
                Map.of("sku", "croissant", "quantity", "2", "csrf", token + "x"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(shopper.cart().get("lines")).isEmpty();

        HttpResponse<String> real = shopper.postForm("/cart/items", Map.of("sku", "croissant", "quantity", "2", "csrf", token));
        assertThat(real.statusCode()).isEqualTo(303);
        assertThat(quantity(shopper.cart(), "croissant")).isEqualTo(2);
        assertThat(shopper.get("/cart").body()).contains("data-testid=\"cart-line-croissant\"", "€3.60");
    }

    @Test
    void aFormTokenIsBoundToItsBrowserBeforeAndAfterTheSessionExists() {
        Shopper mallory = new Shopper(node.toString());
        String malloryToken = mallory.csrfToken();
        Shopper victim = new Shopper(node.toString());
        victim.csrfToken();

        HttpResponse<String> forged = victim.postForm("/cart/items",
                Map.of("sku", "croissant", "quantity", "1", "csrf", malloryToken));
        assertThat(forged.statusCode()).as("another browser's token, no session yet").isEqualTo(403);

        victim.addToCart("pretzel", 1);
        HttpResponse<String> stillForged = victim.postForm("/cart/items",
                Map.of("sku", "croissant", "quantity", "1", "csrf", malloryToken));
        assertThat(stillForged.statusCode()).as("another browser's token, with a session").isEqualTo(403);
        assertThat(victim.postForm("/cart/items", Map.of("sku", "croissant", "quantity", "1", "csrf", victim.csrfToken()))
                .statusCode()).isEqualTo(303);
        assertThat(quantity(victim.cart(), "croissant")).isEqualTo(1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeAnythingIsStored() {
        Shopper shopper = new Shopper(node.toString());
        HttpResponse<String> huge = shopper.addToCart("x".repeat(100_000), 1);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(shopper.sessionId()).isNull();
    }

    static int quantity(JsonNode cart, String sku) {
        for (JsonNode line : cart.get("lines")) {
            if (line.get("sku").asText().equals(sku)) {
                return line.get("quantity").asInt();
            }
        }
        return 0;
    }
}
