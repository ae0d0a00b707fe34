package bakery.orders.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import bakery.contracts.OrderCommand.Action;
import bakery.contracts.OrderPlaced;
import bakery.contracts.OrderStatus;
import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.OvenQueue;
import bakery.contracts.api.Product;
import bakery.contracts.serde.EventJson;
import bakery.orders.BakeryScenario;
import bakery.orders.OrderServiceTest;

@QuarkusTest
@OrderServiceTest
class OrderQueriesIT extends BakeryScenario {

    @Test
    void theCatalogListsAtLeastTwelveRealProductsWithPricesBakeTimesAndAllergens() {
        List<Product> catalog = Arrays.asList(given().get("/catalog").then().statusCode(200).extract().as(Product[].class));

        assertThat(catalog).hasSizeGreaterThanOrEqualTo(12).allSatisfy(product -> {
            assertThat(product.name()).isNotBlank();
            assertThat(product.description()).isNotBlank();
            assertThat(product.priceCents()).isPositive();
            assertThat(product.bakeSeconds()).isPositive();
        });
        assertThat(catalog).filteredOn(p -> p.sku().equals("almond-croissant")).singleElement()
                .satisfies(p -> assertThat(p.allergens()).contains("gluten", "nuts"));
        assertThat(catalog).filteredOn(p -> p.sku().equals("gluten-free-loaf")).singleElement()
                .satisfies(p -> assertThat(p.allergens()).isEmpty());
    }

    @Test
    void anUnknownOrderIs404AndAMalformedIdIs400WithTheProblemBody() {
        given().get("/orders/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("not found")).body("status", equalTo(404)).body("field", equalTo("id"));
        given().get("/orders/not-an-order").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("invalid request")).body("field", equalTo("id")).body("detail", notNullValue())
                .body("type", startsWith("tag:"));
        given().get("/no-such-address").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "size|0", "size|201", "size|many", "page|-1", "page|first", "after|yesterday",
            "after|2026-12-07T09:00:00Z", "after|2026-12-07T09:00:00Z,not-an-order", "after|,", "after|<script>" })
    void badPagingIs400NamingTheParameter(String parameter, String value) {
        given().queryParam(parameter, value).get("/orders/active").then().statusCode(400)
                .body("title", equalTo("invalid request")).body("field", equalTo(parameter));
    }

    @Test
    void theBoardShowsActiveOrdersOldestFirstAndLeavesOutFinishedOnes() {
        OrderPlaced first = bakery.order(bakery.line("croissant", 1));
        OrderPlaced second = bakery.order(bakery.line("baguette", 1));
        OrderPlaced cancelled = bakery.order(bakery.line("pretzel", 1));
        OrderPlaced rejected = bakery.order(bakery.line("pretzel", 99));
        for (OrderPlaced order : List.of(first, second, cancelled, rejected)) {
            bakery.place(order);
        }
        bakery.awaitStatus(first.orderId(), OrderStatus.ACCEPTED);
        bakery.awaitStatus(second.orderId(), OrderStatus.ACCEPTED);
        bakery.awaitStatus(rejected.orderId(), OrderStatus.REJECTED);
        bakery.awaitStatus(cancelled.orderId(), OrderStatus.ACCEPTED);
        bakery.staff(cancelled.orderId(), Action.CANCEL);
        bakery.awaitStatus(cancelled.orderId(), OrderStatus.CANCELLED);

        OrderPage all = page(0, 200);
        List<UUID> ids = all.items().stream().map(OrderView::orderId).toList();
        assertThat(ids).contains(first.orderId(), second.orderId()).doesNotContain(cancelled.orderId(), rejected.orderId());
        assertThat(ids.indexOf(first.orderId())).isLessThan(ids.indexOf(second.orderId()));
        assertThat(all.items()).isSortedAccordingTo((a, b) -> a.placedAt().compareTo(b.placedAt()));
        assertThat(all.items()).allSatisfy(
                view -> assertThat(view.status()).isIn(OrderStatus.ACCEPTED, OrderStatus.BAKING, OrderStatus.READY));
        assertThat(all.total()).isEqualTo(all.items().size());

        OrderPage secondPage = page(1, 1);
        assertThat(secondPage.page()).isEqualTo(1);
        assertThat(secondPage.size()).isEqualTo(1);
        assertThat(secondPage.items()).singleElement().extracting(OrderView::orderId).isEqualTo(ids.get(1));
        assertThat(all.items().get(ids.indexOf(first.orderId())).lines()).singleElement()
                .satisfies(line -> assertThat(line.name()).isEqualTo("Butter croissant"));
    }

    @Test
    void theOvenQueueCountsEachWaitingOrderOnceAtItsSlowestBakeAndForgetsItOnceBaked() {
        OvenQueue before = ovenQueue();
        OrderPlaced mixed = bakery.accepted(bakery.line("croissant", 3), bakery.line("baguette", 1));
        long slowest = Math.max(bakery.product("croissant").bakeSeconds(), bakery.product("baguette").bakeSeconds());

        OvenQueue waiting = ovenQueue();
        assertThat(waiting.orders()).isEqualTo(before.orders() + 1);
        assertThat(waiting.ovenSeconds()).isEqualTo(before.ovenSeconds() + slowest);

        bakery.ovenStarts(mixed.orderId());
        bakery.ovenFinishes(mixed.orderId());
        bakery.awaitStatus(mixed.orderId(), OrderStatus.READY);
        assertThat(ovenQueue()).isEqualTo(before);
    }

    @Test
    void readingOnAfterTheLastOrderSeenSkipsNothingWhenOrdersLeaveTheBoardMeanwhile() {
        List<OrderPlaced> orders = List.of(bakery.accepted(bakery.line("croissant", 1)),
                bakery.accepted(bakery.line("croissant", 2)), bakery.accepted(bakery.line("croissant", 3)),
                bakery.accepted(bakery.line("croissant", 4)));
        List<UUID> ids = page(0, 200).items().stream().map(OrderView::orderId).toList();
        int first = ids.indexOf(orders.get(0).orderId());
        OrderPage upToFirst = page(0, first + 1);
        OrderView last = upToFirst.items().get(first);

        // the first order leaves the board between two reads: an offset would now skip the second
        bakery.staff(orders.get(0).orderId(), Action.CANCEL);
        bakery.awaitStatus(orders.get(0).orderId(), OrderStatus.CANCELLED);

        OrderPage next = given().queryParam("size", 2).queryParam("after", last.placedAt() + "," + last.orderId())
                .get("/orders/active").then().statusCode(200).extract().as(OrderPage.class);
        assertThat(next.items()).extracting(OrderView::orderId).containsExactly(ids.get(first + 1), ids.get(first + 2));
    }

    @Test
    void anOrdersSnapshotAndTheBoardNameTheCustomerButNeverGiveTheirAddress() {
        OrderPlaced order = bakery.accepted(bakery.line("croissant", 1));
        String address = order.customer().email();

        String snapshot = given().get("/orders/" + order.orderId()).then().statusCode(200).extract().asString();
        String board = given().queryParam("size", 200).get("/orders/active").then().statusCode(200).extract().asString();

        assertThat(snapshot).contains(order.customer().name()).doesNotContain(address);
        assertThat(board).contains(order.orderId().toString()).doesNotContain(address);
        assertThat(page(0, 200).items()).filteredOn(v -> v.orderId().equals(order.orderId())).singleElement()
                .satisfies(v -> assertThat(v.customer().name()).isEqualTo(order.customer().name()));
    }

    private static OvenQueue ovenQueue() {
        return given().get("/orders/oven-queue").then().statusCode(200).extract().as(OvenQueue.class);
    }

    private static OrderPage page(int page, int size) {
        String body = given().queryParam("page", page).queryParam("size", size).get("/orders/active")
                .then().statusCode(200).extract().asString();
        try {
            return EventJson.MAPPER.readValue(body, OrderPage.class);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
