package bakery.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import bakery.contracts.api.OrderPage;
import bakery.contracts.api.OrderView;
import bakery.contracts.api.OvenQueue;
import bakery.contracts.api.Product;
import bakery.contracts.serde.EventJson;
import bakery.testkit.FreePort;

/**
 * A small HTTP server speaking the order-service's query contract (GET /catalog, /orders/{id},
 * /orders/active, /orders/oven-queue), so web-tier tests control what order-service "knows".
 */
public final class OrderServiceStub {

    public static final List<Product> BAKERY = List.of(
            new Product("croissant", "Butter croissant", "Laminated, 27 layers", 180, 60, List.of("gluten", "milk", "egg")),
            new Product("sourdough", "Country sourdough", "48-hour rye starter", 550, 120, List.of("gluten")),
            new Product("pretzel", "Bavarian pretzel", "Lye-dipped", 120, 45, List.of("gluten")),
            new Product("macaron", "Pistachio macaron", null, 250, 30, List.of("nuts", "egg")));

    private static OrderServiceStub shared;

    private final HttpServer server;
    private final Map<UUID, OrderView> orders = new ConcurrentHashMap<>();
    private volatile OvenQueue ovenQueue = new OvenQueue(0, 0);

    private OrderServiceStub(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/catalog", ex -> reply(ex, 200, BAKERY));
        server.createContext("/orders", this::orders);
        server.start();
    }

    public static synchronized OrderServiceStub shared() {
        if (shared == null) {
            shared = new OrderServiceStub(FreePort.next());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "order-service-stub-stop"));
        }
        return shared;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Order-service has stored (or moved) this order. */
    public void knows(OrderView order) {
        orders.put(order.orderId(), order);
    }

    /** The ovens have this much ahead of them (an empty queue until a test says otherwise). */
    public void ovensHaveAhead(OvenQueue queue) {
        ovenQueue = queue;
    }

    private void orders(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/orders/oven-queue")) {
            reply(ex, 200, ovenQueue);
            return;
        }
        if (path.equals("/orders/active")) {
            Map<String, String> query = query(ex.getRequestURI());
            int page = Integer.parseInt(query.getOrDefault("page", "0"));
            int size = Integer.parseInt(query.getOrDefault("size", "50"));
            List<OrderView> active = orders.values().stream()
                    .filter(o -> !o.status().isFinal())
                    .sorted(Comparator.comparing(OrderView::orderId))
                    .toList();
            // "after" names the last order read (placed at, id); this stub orders by id alone
            String after = query.get("after");
            List<OrderView> items = after == null
                    ? active.stream().skip((long) page * size).limit(size).toList()
                    : active.stream().filter(o -> o.orderId().compareTo(UUID.fromString(
                            URLDecoder.decode(after, StandardCharsets.UTF_8).split(",")[1])) > 0)
                            .limit(size).toList();
            reply(ex, 200, new OrderPage(items, page, size, active.size()));
            return;
        }
        OrderView order = orders.get(UUID.fromString(path.substring("/orders/".length())));
        if (order == null) {
            reply(ex, 404, Map.of("error", "not found"));
        } else {
            reply(ex, 200, order);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new ConcurrentHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return values;
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] json = EventJson.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, json.length);
        ex.getResponseBody().write(json);
        ex.close();
    }
}
