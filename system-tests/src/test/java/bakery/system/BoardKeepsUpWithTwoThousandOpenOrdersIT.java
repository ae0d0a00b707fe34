package bakery.system;

import static bakery.system.Browsers.byTestId;
import static bakery.system.Browsers.testId;
import static bakery.system.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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

import bakery.contracts.OrderPlaced;

/**
 * The board of a bakery with 2,000 open orders, in headless Chromium: every column counts what
 * order-service holds, one page of each column is drawn, late orders are marked, a search by order
 * number or name finds the one order, and an order cancelled on another web node's board leaves
 * this one.
 */
class BoardKeepsUpWithTwoThousandOpenOrdersIT {

    private static final int OPEN_ORDERS = 2_000;
    private static final int ROWS_PER_PAGE = 25;
    private static final List<String> COLUMNS = List.of("PLACED", "ACCEPTED", "BAKING", "READY");

    private static BusyBakery bakery;
    private static WebDriver staff;
    private static WebDriver colleague;

    @BeforeAll
    static void openDuringTheRush() throws Exception {
        Browsers.assumeInstalled();
        bakery = BusyBakery.open(OPEN_ORDERS);
        staff = Browsers.open();
        colleague = Browsers.open();
    }

    @AfterAll
    static void closeTheBakery() {
        Browsers.quit(staff, colleague);
        if (bakery != null) {
            bakery.close();
        }
    }

    @Test
    void countsSearchLateMarksAndAChangeFromAnotherNode() throws Exception {
        Map<String, Long> held = bakery.countsByStatus();
        assertThat(held.get("ACCEPTED")).isGreaterThanOrEqualTo(OPEN_ORDERS);
        signIn(staff, bakery.boardNode.baseUrl());

        for (String column : COLUMNS) {
            String expected = Long.toString(held.getOrDefault(column, 0L));
            waiting(staff).until(ExpectedConditions.textToBe(byTestId("board-count-" + column), expected));
        }
        assertThat(staff.findElements(By.cssSelector("[data-testid='column-accepted'] li.card"))).hasSize(ROWS_PER_PAGE);
        assertThat(testId(staff, "page-range-ACCEPTED").getText()).isEqualTo("1–25 of " + held.get("ACCEPTED"));
        Browsers.screenshot(staff, "board-2000");

        OrderPlaced late = bakery.orders.get(0);
        OrderPlaced onTime = bakery.orders.get(OPEN_ORDERS - 1);
        search(staff, BusyBakery.shortId(late.orderId()));
        theOnlyCardIs(staff, late);
        assertThat(staff.findElements(byTestId("late-" + late.orderId()))).hasSize(1);
        search(staff, BusyBakery.shortId(onTime.orderId()).toLowerCase());
        theOnlyCardIs(staff, onTime);
        assertThat(staff.findElements(byTestId("late-" + onTime.orderId()))).isEmpty();

        OrderPlaced rare = bakery.orders.stream().filter(o -> o.customer().name().equals(BusyBakery.RARE_NAME)).findFirst()
                .orElseThrow();
        search(staff, "zelda qu");
        assertThat(theOnlyCardIs(staff, rare)).contains(BusyBakery.RARE_NAME).doesNotContain("@example.org");
        assertThat(staff.getPageSource()).doesNotContain("@example.org");

        // A colleague on the other web node finds that order and cancels it with the keyboard alone.
        signIn(colleague, bakery.otherNode.baseUrl());
        waiting(colleague).until(ExpectedConditions.textToBe(byTestId("board-count-ACCEPTED"),
                Long.toString(held.get("ACCEPTED"))));
        search(colleague, BusyBakery.shortId(rare.orderId()));
        theOnlyCardIs(colleague, rare);
        testId(colleague, "board-search").sendKeys(Keys.TAB);
        waiting(colleague).ignoring(StaleElementReferenceException.class).until(d -> ("board-card-" + rare.orderId())
                .equals(d.switchTo().activeElement().getAttribute("data-testid")));
        new Actions(colleague).sendKeys("c").perform();

        waiting(staff).until(ExpectedConditions.invisibilityOfElementLocated(byTestId("board-card-" + rare.orderId())));
        waiting(staff).until(ExpectedConditions.textToBe(byTestId("board-count-ACCEPTED"), "0"));
        search(staff, "");
        waiting(staff).until(ExpectedConditions.textToBe(byTestId("board-count-ACCEPTED"),
                Long.toString(held.get("ACCEPTED") - 1)));
    }

    private static void signIn(WebDriver browser, String node) {
        browser.get(node + "/board");
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(byTestId("signin-form")));
        testId(browser, "signin-user").sendKeys("staff");
        testId(browser, "signin-password").sendKeys("staff-demo");
        testId(browser, "signin-password").sendKeys(Keys.ENTER);
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(byTestId("board")));
    }

    private static void search(WebDriver browser, String text) {
        WebElement field = testId(browser, "board-search");
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    /**
     * Waits until the search leaves {@code order} alone on the board and returns what its row says. Rows are drawn
     * anew as events arrive, so an element found a moment ago may be gone: look again.
     */
    private static String theOnlyCardIs(WebDriver browser, OrderPlaced order) {
        String testId = "board-card-" + order.orderId();
        return waiting(browser).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("li.card"));
            return cards.size() == 1 && testId.equals(cards.get(0).getAttribute("data-testid")) ? cards.get(0).getText()
                    : null;
        });
    }
}
