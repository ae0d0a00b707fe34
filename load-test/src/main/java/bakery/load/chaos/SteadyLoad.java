package bakery.load.chaos;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Customers through the balancer while a scenario breaks things: shoppers that each put an item in
 * a fresh cart and check out (retrying a failed checkout with the same Idempotency-Key, as the
 * checkout page does), and long-lived carts whose quantity is changed again and again. Bounded: it
 * runs until {@link #stop()}, and a checkout retries for at most {@code checkoutRetry}. Each shopper
 * places at most one order per {@code orderInterval}, so the orders of a scenario stay within what
 * the ovens bake.
 */
public final class SteadyLoad implements AutoCloseable {

    /**
     * How much load and how patient the customers are; whether each shopper then opens the live page of
     * the order just placed, and who, if anyone, serves at the counter.
     */
    public record Settings(String baseUrl, String sessionCookie, int shoppers, int carts, Duration pace,
            Duration orderInterval, Duration requestTimeout, Duration checkoutRetry, int maxQuantity, boolean liveOrderPages,
            Staff staff) {

        /** Customers only, who do not watch their orders. */
        public Settings(String baseUrl, String sessionCookie, int shoppers, int carts, Duration pace, Duration orderInterval,
                Duration requestTimeout, Duration checkoutRetry, int maxQuantity) {
            this(baseUrl, sessionCookie, shoppers, carts, pace, orderInterval, requestTimeout, checkoutRetry, maxQuantity,
                    false,
                    null);
        }

        /** The same customers, who also watch each order they place live, and a member of staff handing orders over. */
        public Settings withEveryone(Staff counter) {
            return new Settings(baseUrl, sessionCookie, shoppers, carts, pace, orderInterval, requestTimeout, checkoutRetry,
                    maxQuantity, true, counter);
        }
    }

    /** A member of staff at the counter: the sign-in, and how long after its checkout an order is asked for. */
    public record Staff(String user, String password, Duration pickUpAfter) {

        /** The {@code user / password} form the local stack prints its demo sign-ins in. */
        public static Staff of(String login, Duration pickUpAfter) {
            String[] parts = login.split("/", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("a staff sign-in is 'user / password', not '" + login + "'");
            }
            return new Staff(parts[0].strip(), parts[1].strip(), pickUpAfter);
        }
    }

    private static final String FALLBACK_SKU = "croissant";

    private final Settings settings;
    private final HttpClient http;
    private final OutcomeCount outcomes = new OutcomeCount();
    private final Map<UUID, Instant> accepted = new ConcurrentHashMap<>();
    private final List<KeptCart> kept = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> checkoutMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder livePages = new LongAdder();
    private final LongAdder handedOver = new LongAdder();
    private ExecutorService customers;
    private List<String> skus = List.of(FALLBACK_SKU);

    public SteadyLoad(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.requestTimeout())
                .build();
    }

    public void start() {
        skus = catalog();
        running.set(true);
        boolean counter = settings.staff() != null;
        customers = Executors.newFixedThreadPool(settings.shoppers() + settings.carts() + (counter ? 1 : 0));
        if (counter) {
            customers.submit(this::serveAtTheCounter);
        }
        for (int i = 0; i < settings.shoppers(); i++) {
            customers.submit(this::shop);
        }
        for (int i = 0; i < settings.carts(); i++) {
            String sku = skus.get(i % skus.size());
            customers.submit(() -> keepCart(sku));
        }
    }

    /** Stops new work; checkouts being retried finish their retries (bounded), then it returns. */
    public void stop() {
        running.set(false);
        if (customers != null) {
            customers.shutdown();
            try {
                customers.awaitTermination(settings.checkoutRetry().plus(settings.requestTimeout()).toMillis() * 2,
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            customers.shutdownNow();
        }
    }

    /** Every order that got a 202, with the moment it did. */
    public Map<UUID, Instant> accepted() {
        return Map.copyOf(accepted);
    }

    /** What the customers and staff did beyond shopping: live order pages that showed the order, orders handed over. */
    public String watchedAndServed() {
        return livePages.sum() + " live order pages showed their order, " + handedOver.sum()
                + " orders were handed over at the counter";
    }

    /** How long each accepted checkout took, as its customer waited for the 202 (the attempt that got it). */
    public List<Long> checkoutMillis() {
        synchronized (checkoutMillis) {
            return List.copyOf(checkoutMillis);
        }
    }

    public Map<Outcome, Long> outcomes() {
        return outcomes.snapshot();
    }

    /** After recovery: what each long-lived cart holds, against what was acknowledged. */
    public List<CartCheck> checkCarts() {
        List<CartCheck> checks = new ArrayList<>();
        for (KeptCart cart : List.copyOf(kept)) {
            Integer found = null;
            Instant deadline = Instant.now().plus(settings.checkoutRetry());
            while (Instant.now().isBefore(deadline)) {
                Customer.Answer a = cart.customer.get("/api/cart");
                if (a.outcome() == Outcome.OK && a.body() != null) {
                    found = quantity(a.body(), cart.sku);
                    break;
                }
                pause();
            }
            checks.add(new CartCheck(cart.sku, cart.acknowledged, List.copyOf(cart.unanswered), found));
        }
        return checks;
    }

    private List<String> catalog() {
        Customer c = customer();
        Instant deadline = Instant.now().plus(settings.checkoutRetry());
        while (Instant.now().isBefore(deadline)) {
            Customer.Answer a = c.get("/api/catalog");
            if (a.outcome() == Outcome.OK && a.body() != null && a.body().isArray() && !a.body().isEmpty()) {
                List<String> found = new ArrayList<>();
                a.body().forEach(p -> found.add(p.path("sku").asText()));
                return found;
            }
            pause();
        }
        return List.of(FALLBACK_SKU);
    }

    private void shop() {
        int n = 0;
        while (running.get()) {
            Instant next = Instant.now().plus(settings.orderInterval());
            Customer c = customer();
            String sku = skus.get(n++ % skus.size());
            if (c.post("/api/cart/items", Map.of("sku", sku, "quantity", 1)).outcome() == Outcome.OK) {
                checkout(c);
            }
            pause();
            pauseUntil(next);
        }
    }

    private void checkout(Customer c) {
        String key = "chaos-" + UUID.randomUUID();
        Map<String, Object> form = Map.of("name", "Chaos Customer", "email", "chaos@example.com",
                "pickupAt", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        Instant deadline = Instant.now().plus(settings.checkoutRetry());
        while (Instant.now().isBefore(deadline)) {
            long sent = System.nanoTime();
            Customer.Answer a = c.post("/api/checkout", form, "Idempotency-Key", key);
            if (a.status() == 202 && a.body() != null) {
                checkoutMillis.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
                UUID order = UUID.fromString(a.body().path("orderId").asText());
                accepted.put(order, Instant.now());
                if (settings.liveOrderPages() && c.firstEvent("/api/orders/" + order + "/events").outcome() == Outcome.OK) {
                    livePages.increment();
                }
                return;
            }
            if (a.outcome() == Outcome.REFUSED) {
                return;
            }
            pause();
        }
    }

    private void serveAtTheCounter() {
        StaffMember staff = new StaffMember(settings.staff(), settings.baseUrl(), settings.requestTimeout(), outcomes);
        while (running.get()) {
            if (staff.serve(this::accepted)) {
                handedOver.increment();
            }
            pause();
        }
    }

    private void keepCart(String sku) {
        KeptCart cart = new KeptCart(customer(), sku);
        kept.add(cart);
        int tick = 0;
        while (running.get()) {
            int quantity = tick++ % settings.maxQuantity() + 1;
            Customer.Answer a = cart.acknowledged == null
                    ? cart.customer.post("/api/cart/items", Map.of("sku", sku, "quantity", quantity))
                    : cart.customer.put("/api/cart/items/" + sku, Map.of("quantity", quantity));
            cart.record(quantity, a.outcome());
            pause();
        }
    }

    private static Integer quantity(JsonNode cart, String sku) {
        for (JsonNode line : cart.path("lines")) {
            if (sku.equals(line.path("sku").asText())) {
                return line.path("quantity").asInt();
            }
        }
        return null;
    }

    private Customer customer() {
        return new Customer(http, settings.baseUrl(), settings.sessionCookie(), settings.requestTimeout(), outcomes);
    }

    private void pause() {
        sleep(settings.pace());
    }

    /** Waits for the shopper's next order in short steps, so stop() does not wait out a long interval. */
    private void pauseUntil(Instant next) {
        while (running.get() && Instant.now().isBefore(next)) {
            Duration left = Duration.between(Instant.now(), next);
            sleep(left.compareTo(settings.pace()) < 0 ? left : settings.pace());
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A cart kept for the whole scenario, and what its customer was told about each change. */
    private static final class KeptCart {
        final Customer customer;
        final String sku;
        volatile Integer acknowledged;
        final Set<Integer> unanswered = Collections.synchronizedSet(new HashSet<>());

        KeptCart(Customer customer, String sku) {
            this.customer = customer;
            this.sku = sku;
        }

        /** OK: the cart holds this now. No clear answer: it may. A clear refusal or 503: it does not. */
        void record(int quantity, Outcome outcome) {
            if (outcome == Outcome.OK) {
                acknowledged = quantity;
                unanswered.clear();
            } else if (outcome == Outcome.SERVER_ERROR || outcome == Outcome.NO_ANSWER) {
                unanswered.add(quantity);
            }
        }
    }
}
