package bakery.system;

import static bakery.system.Browsers.byTestId;
import static bakery.system.Browsers.testId;
import static bakery.system.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import bakery.contracts.Topics;
import bakery.contracts.api.Product;
import bakery.testkit.Await;
import bakery.testkit.BakeryNodes;
import bakery.testkit.KafkaProbe;
import bakery.testkit.ServiceProcess;
import bakery.testkit.Traceparent;

/**
 * A customer shops and checks out in a real browser on web node 1 and watches the order page go
 * live to READY, while a signed-in staff member's board, served by web node 2, shows the same order
 * move into the ready column; the staff member hands it over with the keyboard alone, and the
 * customer's page shows it picked up. The notifier's log of the READY e-mail carries the checkout's
 * trace id. Every page on the way (shop, cart, checkout, order, board, ops) passes axe-core with no
 * serious or critical violation.
 */
class ShopperWatchesOrderBecomeReadyWhileStaffBoardShowsItIT {

    private static BakeryNodes nodes;
    private static ServiceProcess orderService;
    private static ServiceProcess shopNode;
    private static ServiceProcess boardNode;
    private static ServiceProcess notifier;
    private static WebDriver shopper;
    private static WebDriver staff;

    @BeforeAll
    static void openTheBakery() {
        Browsers.assumeInstalled();
        nodes = FastOvens.nodes();
        orderService = nodes.orderService("order-service-1");
        nodes.bakingWorker("baking-worker-1");
        notifier = nodes.notificationWorker("notification-worker-1");
        shopNode = nodes.webNode("web-1", orderService);
        boardNode = nodes.webNode("web-2", orderService);
        nodes.awaitReady();
        shopper = Browsers.open();
        staff = Browsers.open();
    }

    @AfterAll
    static void closeTheBakery() {
        Browsers.quit(shopper, staff);
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void orderPlacedOnOneNodeIsFollowedLiveOnBothPages() throws Exception {
        staffSignsInOnTheBoard();

        Product croissant = ServedCatalog.of(orderService.baseUrl()).get(0);
        shopper.get(shopNode.baseUrl() + "/");
        assertThat(testId(shopper, "served-by").getText()).contains("web-1");
        Accessibility.assertNoSeriousViolations(shopper, "shop");
        testId(shopper, "quantity-" + croissant.sku()).clear();
        testId(shopper, "quantity-" + croissant.sku()).sendKeys("3");
        testId(shopper, "add-" + croissant.sku()).click();

        shopper.get(shopNode.baseUrl() + "/cart");
        assertThat(testId(shopper, "cart-quantity-" + croissant.sku()).getAttribute("value")).isEqualTo("3");
        Accessibility.assertNoSeriousViolations(shopper, "cart");
        testId(shopper, "go-checkout").click();

        // The earliest slot the ovens can meet is chosen already: name, address, Enter.
        WebElement earliest = testId(shopper, "pickup-slot-0");
        assertThat(earliest.isSelected()).isTrue();
        assertThat(testId(shopper, "pickup-hint").getText()).contains("earliest");
        Accessibility.assertNoSeriousViolations(shopper, "checkout");
        testId(shopper, "checkout-name").sendKeys("Mia Hoffmann");
        testId(shopper, "checkout-email").sendKeys("mia@example.org", Keys.ENTER);

        WebElement order = waiting(shopper).until(ExpectedConditions.presenceOfElementLocated(byTestId("order")));
        String orderId = order.getAttribute("data-order-id");
        assertThat(orderId).isNotBlank();
        Accessibility.assertNoSeriousViolations(shopper, "order");

        // The staff board on the other node, searched for the order's number (other orders may fill the
        // columns), shows the new order, then sees it reach the ready column.
        WebElement search = testId(staff, "board-search");
        search.sendKeys(orderId.substring(orderId.length() - 6));
        waiting(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("board-card-" + orderId)));
        waiting(shopper).until(ExpectedConditions.textToBe(byTestId("order-status"), "READY"));
        waiting(staff).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                byTestId("column-ready"), byTestId("board-card-" + orderId)));
        assertThat(testId(staff, "served-by").getText()).contains("web-2");
        Accessibility.assertNoSeriousViolations(staff, "board");

        // The customer collects it: from the search field, Tab reaches the order and P hands it over.
        waiting(staff).until(d -> d.findElements(By.cssSelector("li.card")).size() == 1);
        search.sendKeys(Keys.TAB);
        waiting(staff).ignoring(StaleElementReferenceException.class)
                .until(d -> ("board-card-" + orderId).equals(d.switchTo().activeElement().getAttribute("data-testid")));
        new Actions(staff).sendKeys("p").perform();
        waiting(shopper).until(ExpectedConditions.textToBe(byTestId("order-status"), "PICKED_UP"));
        waiting(staff).until(ExpectedConditions.invisibilityOfElementLocated(byTestId("board-card-" + orderId)));

        staff.get(boardNode.baseUrl() + "/ops");
        testId(staff, "served-by");
        Accessibility.assertNoSeriousViolations(staff, "ops");
        theReadyEmailIsLoggedOnTheCheckoutsTrace(orderId);
        Browsers.screenshot(shopper, "order-picked-up");
        Browsers.screenshot(staff, "ops");
    }

    /**
     * Operational data leaves the nodes joined up: the notifier's JSON log line for the READY e-mail
     * names the order and carries the trace id the web node started at checkout, after the order went
     * through order-service and the oven.
     */
    private static void theReadyEmailIsLoggedOnTheCheckoutsTrace(String orderId) {
        String checkoutTrace;
        try (KafkaProbe kafka = new KafkaProbe(nodes.kafka().bootstrapServers())) {
            checkoutTrace = kafka.readAll(Topics.ORDERS_PLACED).stream()
                    .filter(record -> orderId.equals(record.key()))
                    .map(record -> Traceparent.traceId(KafkaProbe.header(record, Traceparent.HEADER)))
                    .findFirst().orElseThrow();
        }
        Await.untilAsserted("the READY e-mail in the notifier's log", () -> assertThat(JsonLogLines.of(notifier.log()))
                .filteredOn(line -> orderId.equals(line.path("mdc").path("orderId").asText()))
                .filteredOn(line -> line.path("message").asText().startsWith("sent the READY e-mail"))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(checkoutTrace);
                    assertThat(line.path("node").asText()).isEqualTo("notification-worker-1");
                    assertThat(line.path("message").asText()).doesNotContain("mia@example.org");
                }));
    }

    private static void staffSignsInOnTheBoard() {
        staff.get(boardNode.baseUrl() + "/board");
        waiting(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("signin-form")));
        // ops: a staff member who may see the ops console too
        testId(staff, "signin-user").sendKeys("ops");
        testId(staff, "signin-password").sendKeys("ops-demo");
        testId(staff, "signin-submit").click();
        waiting(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("board")));
    }

}
