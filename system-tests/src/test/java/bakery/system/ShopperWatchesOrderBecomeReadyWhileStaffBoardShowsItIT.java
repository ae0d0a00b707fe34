package bakery.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
 * move into the ready column; the notifier's log of the READY e-mail carries the checkout's trace id.
 */
class ShopperWatchesOrderBecomeReadyWhileStaffBoardShowsItIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
        for (WebDriver browser : new WebDriver[] { shopper, staff }) {
            if (browser != null) {
                browser.quit();
            }
        }
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
        testId(shopper, "quantity-" + croissant.sku()).clear();
        testId(shopper, "quantity-" + croissant.sku()).sendKeys("3");
        testId(shopper, "add-" + croissant.sku()).click();

        shopper.get(shopNode.baseUrl() + "/cart");
        assertThat(testId(shopper, "cart-quantity-" + croissant.sku()).getAttribute("value")).isEqualTo("3");
        testId(shopper, "go-checkout").click();

        testId(shopper, "checkout-name").sendKeys("Mia Hoffmann");
        testId(shopper, "checkout-email").sendKeys("mia@example.org");
        String tomorrowMorning = LocalDate.now().plusDays(1) + "T09:30";
        ((JavascriptExecutor) shopper).executeScript("arguments[0].value = arguments[1]",
                testId(shopper, "checkout-pickup"), tomorrowMorning);
        testId(shopper, "checkout-submit").click();

        WebElement order = wait(shopper).until(ExpectedConditions.presenceOfElementLocated(byTestId("order")));
        String orderId = order.getAttribute("data-order-id");
        assertThat(orderId).isNotBlank();

        // The staff board on the other node shows the new order, then sees it reach the ready column.
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("board-card-" + orderId)));
        wait(shopper).until(ExpectedConditions.textToBe(byTestId("order-status"), "READY"));
        wait(staff).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                byTestId("column-ready"), byTestId("board-card-" + orderId)));
        assertThat(testId(staff, "served-by").getText()).contains("web-2");
        theReadyEmailIsLoggedOnTheCheckoutsTrace(orderId);
        Browsers.screenshot(shopper, "order-ready");
        Browsers.screenshot(staff, "board-ready");
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
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("signin-form")));
        testId(staff, "signin-user").sendKeys("staff");
        testId(staff, "signin-password").sendKeys("staff-demo");
        testId(staff, "signin-submit").click();
        wait(staff).until(ExpectedConditions.presenceOfElementLocated(byTestId("board")));
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }

    private static WebElement testId(WebDriver browser, String id) {
        return wait(browser).until(ExpectedConditions.presenceOfElementLocated(byTestId(id)));
    }

    private static By byTestId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }
}
