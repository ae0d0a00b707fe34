package bakery.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * How long the staff board takes in headless Chromium to show a bakery's open orders (2,000 unless
 * {@code -Dboard.orders=N}): from the start of the page's navigation until every column's count
 * shows what order-service holds, measured in the page with the browser's own clock, for several
 * loads. Printed, not asserted (the target is under 1 s). Each load's time is split where the page
 * sees it: the page itself (navigation to DOMContentLoaded), waiting for the first live event, the
 * events arriving (from the first to the last one drawn), the page's own work on them (handling
 * the events and drawing the frames, both inside the events' span), and the last draw. Reading
 * every open order straight from order-service, the way a web node does, is timed beside it. Run
 * by hand, holding the heavy lock: {@code flock /tmp/bakery-heavy.lock ./mvnw -B verify -pl
 * order-service,web-tier,system-tests -am -Dbenchmark=true -Dit.test=BoardRenderBenchmarkIT
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BoardRenderBenchmarkIT {

    private static final int LOADS = 7;
    /**
     * Installed before any script of the page runs: notes when live events arrive and how long the page spends on
     * them and on its animation frames (where it draws), without changing what the page does.
     */
    private static final String TIMING_HOOKS = """
            (function () {
              const t = window.__boardTimes = { firstEvent: null, lastEvent: null, events: 0, handling: 0, drawing: 0 };
              const listen = EventSource.prototype.addEventListener;
              EventSource.prototype.addEventListener = function (type, listener, options) {
                return listen.call(this, type, function () {
                  const start = performance.now();
                  if (t.firstEvent === null) t.firstEvent = start;
                  t.lastEvent = start;
                  t.events++;
                  try { return listener.apply(this, arguments); } finally { t.handling += performance.now() - start; }
                }, options);
              };
              const frame = window.requestAnimationFrame.bind(window);
              window.requestAnimationFrame = function (callback) {
                return frame(function (time) {
                  const start = performance.now();
                  try { return callback(time); } finally { t.drawing += performance.now() - start; }
                });
              };
            })();
            """;
    /** Resolves with the page's clock (ms since navigation start) and its timings once every count shows what is expected. */
    private static final String COUNTS_SHOWN = """
            const expected = arguments[0], done = arguments[arguments.length - 1];
            function shown() {
              return Object.keys(expected).every(s =>
                (document.querySelector('[data-testid="board-count-' + s + '"]') || {}).textContent === String(expected[s]));
            }
            function report() {
              const t = window.__boardTimes || {};
              const nav = performance.getEntriesByType('navigation')[0];
              done({ shown: performance.now(), page: nav ? nav.domContentLoadedEventEnd : 0, firstEvent: t.firstEvent || 0,
                lastEvent: t.lastEvent || 0, events: t.events || 0, handling: t.handling || 0, drawing: t.drawing || 0 });
            }
            if (shown()) { report(); return; }
            new MutationObserver(function (changes, observer) {
              if (shown()) { observer.disconnect(); report(); }
            }).observe(document.querySelector('[data-testid=board]'), { subtree: true, childList: true, characterData: true });
            """;

    @Test
    void theBoardsRenderTimeWithTwoThousandOpenOrders() throws Exception {
        Browsers.assumeInstalled();
        int open = Integer.getInteger("board.orders", 2_000);
        try (BusyBakery bakery = BusyBakery.open(open)) {
            Map<String, Long> expected = new TreeMap<>(Map.of("PLACED", 0L, "ACCEPTED", 0L, "BAKING", 0L,
                    "READY", 0L));
            expected.putAll(bakery.countsByStatus());
            List<Double> reads = new ArrayList<>();
            for (int i = 0; i < LOADS; i++) {
                long start = System.nanoTime();
                bakery.countsByStatus();
                reads.add((System.nanoTime() - start) / 1e6);
            }
            ChromeDriver staff = Browsers.open();
            try {
                staff.manage().timeouts().scriptTimeout(Browsers.PATIENCE);
                staff.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TIMING_HOOKS));
                signIn(staff, bakery.boardNode.baseUrl());
                List<Map<String, Object>> loads = new ArrayList<>();
                for (int i = 0; i < LOADS; i++) {
                    staff.get(bakery.boardNode.baseUrl() + "/board");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> load = (Map<String, Object>) ((JavascriptExecutor) staff)
                            .executeAsyncScript(COUNTS_SHOWN, expected);
                    loads.add(load);
                }
                List<Double> millis = loads.stream().map(l -> number(l, "shown")).toList();
                List<Double> sorted = millis.stream().sorted().toList();
                System.out.printf("%n=== staff board render time, %d open orders on the board (%s), headless Chromium ===%n",
                        expected.values().stream().mapToLong(Long::longValue).sum(), expected);
                System.out.printf("loads: %d, first %.0f ms, median %.0f ms, best %.0f ms, worst %.0f ms (target < 1000 ms)%n",
                        LOADS, millis.get(0), sorted.get(LOADS / 2), sorted.get(0), sorted.get(LOADS - 1));
                System.out.printf("every load (ms): %s%n", rounded(millis));
                System.out.printf("  page shown (DOMContentLoaded):      %s%n", rounded(loads, l -> number(l, "page")));
                System.out.printf("  then until the first event:         %s%n",
                        rounded(loads, l -> number(l, "firstEvent") - number(l, "page")));
                System.out.printf("  first to last event:                %s%n",
                        rounded(loads, l -> number(l, "lastEvent") - number(l, "firstEvent")));
                System.out.printf("    of which handling events:         %s%n", rounded(loads, l -> number(l, "handling")));
                System.out.printf("    of which drawing frames:          %s%n", rounded(loads, l -> number(l, "drawing")));
                System.out.printf("  last event to counts shown:         %s%n",
                        rounded(loads, l -> number(l, "shown") - number(l, "lastEvent")));
                System.out.printf("  events received:                    %s%n",
                        loads.stream().map(l -> String.format("%.0f", number(l, "events"))).toList());
                System.out.printf("every open order read from order-service, as a web node reads them (ms): %s%n%n",
                        rounded(reads));
            } finally {
                staff.quit();
            }
        }
    }

    private static double number(Map<String, Object> load, String key) {
        return ((Number) load.get(key)).doubleValue();
    }

    private static List<String> rounded(List<Map<String, Object>> loads, ToDoubleFunction<Map<String, Object>> part) {
        return rounded(loads.stream().map(part::applyAsDouble).toList());
    }

    private static List<String> rounded(List<Double> millis) {
        return millis.stream().map(m -> String.format("%.0f", m)).toList();
    }

    private static void signIn(WebDriver browser, String node) {
        browser.get(node + "/board");
        Browsers.testId(browser, "signin-user").sendKeys("staff");
        Browsers.testId(browser, "signin-password").sendKeys("staff-demo", Keys.ENTER);
        Browsers.testId(browser, "board");
    }
}
