package bakery.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import bakery.load.report.RequestNames;

/**
 * The bakery's customers through the balancer. First the realistic mix as an open model (new
 * customers arrive at a rate ramping up to the peak, then holding it): browse the catalog, fill a
 * cart and change it, some check out and watch their order's live page. Then checkout capacity as a
 * closed model: a fixed number of customers at once, each adding one item and checking out, the
 * figure compared with a trivial GET through the same balancer.
 */
public class BakeryMixSimulation extends Simulation {

    static final String BASE_URL = System.getProperty("bench.baseUrl", "http://localhost:8080");
    static final int MIX_SECONDS = Integer.getInteger("bench.mix.seconds", 30);
    static final int PEAK_USERS_PER_SECOND = Integer.getInteger("bench.mix.peakUsersPerSecond", 40);
    static final int CAPACITY_SECONDS = Integer.getInteger("bench.capacity.seconds", 20);
    static final int CAPACITY_CONCURRENCY = Integer.getInteger("bench.capacity.concurrency", 64);
    /** How long a watcher waits for the first status event on the order's live page. */
    static final int WATCH_SECONDS = 10;

    static final HttpProtocolBuilder PROTOCOL = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    /** Catalog skus, kept in the session for the cart steps. */
    static final ChainBuilder browse = exec(http(RequestNames.BROWSE).get("/api/catalog")
            .check(status().is(200), jsonPath("$[*].sku").findAll().saveAs("skus")));

    static final ChainBuilder fillCart = exec(session -> session.set("sku", pick(session)))
            .exec(http(RequestNames.ADD_TO_CART).post("/api/cart/items")
                    .body(StringBody("{\"sku\":\"#{sku}\",\"quantity\":1}"))
                    .check(status().is(200)))
            .exec(http(RequestNames.CHANGE_CART).put("/api/cart/items/#{sku}")
                    .body(StringBody("{\"quantity\":3}"))
                    .check(status().is(200)))
            .exec(http(RequestNames.VIEW_CART).get("/api/cart").check(status().is(200)));

    static final ChainBuilder checkout = exec(session -> session
            .set("key", "bench-" + UUID.randomUUID())
            .set("pickupAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()))
            .exec(http(RequestNames.CHECKOUT).post("/api/checkout")
                    .header("Idempotency-Key", "#{key}")
                    .body(StringBody(
                            "{\"name\":\"Bench Customer\",\"email\":\"bench@example.com\",\"pickupAt\":\"#{pickupAt}\"}"))
                    .check(status().is(202), jsonPath("$.orderId").saveAs("orderId")));

    static final ChainBuilder watchOrder = exec(
            http(RequestNames.ORDER_STATUS).get("/api/orders/#{orderId}").check(status().is(200)))
            .exec(sse(RequestNames.WATCH_ORDER).get("/api/orders/#{orderId}/events")
                    .await(Duration.ofSeconds(WATCH_SECONDS))
                    .on(sse.checkMessage("first status").check(regex("\"status\""))))
            .exec(sse("stop watching").close());

    // A customer whose catalog, cart or checkout failed leaves: the failure is counted, the rest not attempted.
    final ScenarioBuilder mix = scenario("customers")
            .exec(browse)
            .exitHereIfFailed()
            .randomSwitch().on(
                    // Window shoppers: the catalog only.
                    percent(30.0).then(exec(browse)),
                    // Fill a cart, change it, leave.
                    percent(30.0).then(exec(fillCart)),
                    // Buy, then watch the order.
                    percent(40.0).then(exec(fillCart).exitHereIfFailed().exec(checkout).exitHereIfFailed().exec(watchOrder)));

    final ScenarioBuilder capacity = scenario("checkout capacity")
            .exec(oneItemCheckout(RequestNames.CAPACITY_ADD, RequestNames.CAPACITY_CHECKOUT));

    {
        setUp(mix.injectOpen(
                rampUsersPerSec(1).to(PEAK_USERS_PER_SECOND).during(MIX_SECONDS),
                constantUsersPerSec(PEAK_USERS_PER_SECOND).during(MIX_SECONDS))
                .andThen(capacity.injectClosed(constantConcurrentUsers(CAPACITY_CONCURRENCY).during(CAPACITY_SECONDS))))
                .protocols(PROTOCOL);
    }

    /**
     * A customer of a fresh session adding one item and checking out, under the phase's own request names so each phase
     * reads its own figures from the report.
     */
    static ChainBuilder oneItemCheckout(String addName, String checkoutName) {
        return exec(session -> session.set("sku", "croissant"))
                .exec(http(addName).post("/api/cart/items")
                        .body(StringBody("{\"sku\":\"#{sku}\",\"quantity\":1}"))
                        .check(status().is(200)))
                .exitHereIfFailed()
                .exec(session -> session.set("key", "bench-" + UUID.randomUUID()))
                .exec(http(checkoutName).post("/api/checkout")
                        .header("Idempotency-Key", "#{key}")
                        .body(StringBody(
                                "{\"name\":\"Bench Customer\",\"email\":\"bench@example.com\",\"pickupAt\":\"2099-01-01T10:00:00Z\"}"))
                        .check(status().is(202)));
    }

    private static String pick(Session session) {
        List<String> skus = session.getList("skus");
        return skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
    }
}
