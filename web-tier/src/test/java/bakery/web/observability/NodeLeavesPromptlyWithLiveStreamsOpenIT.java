package bakery.web.observability;

import static bakery.web.SampleOrders.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import bakery.testkit.Await;
import bakery.testkit.DemoStaff;
import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;
import bakery.web.OrderServiceStub;
import bakery.web.Shopper;
import bakery.web.SseStream;

/**
 * Scale-in of a web node with customers watching their orders: on SIGTERM readiness goes DOWN
 * first (the balancer stops sending), the open live streams end (browsers reconnect to another
 * node), and the node is gone within the shutdown delay plus a few seconds, not after the whole
 * shutdown timeout. A behaviour bound, not a speed benchmark.
 */
class NodeLeavesPromptlyWithLiveStreamsOpenIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(3);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);
    /** Stopping the Kafka consumer, the Redis client and the JVM once the streams have ended. */
    private static final Duration LEAVING = Duration.ofSeconds(5);

    @Test
    void aNodeWithAnOpenOrderStreamGoesUnreadyEndsTheStreamAndExitsWithinTheDelay() throws Exception {
        ServiceProcess node = DemoStaff.on(new ServiceProcess("web-leaving", JAR, FreePort.next()))
                .with("bakery.node-id", "web-leaving")
                .with("quarkus.redis.hosts", RedisServer.shared().url())
                .with("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers())
                .with("quarkus.rest-client.order-service.url", OrderServiceStub.shared().url())
                .with("quarkus.shutdown.delay", SHUTDOWN_DELAY.toSeconds() + "s")
                .with("quarkus.shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        node.startAndAwaitReady();
        try {
            Shopper shopper = new Shopper(node.baseUrl());
            shopper.addToCart("croissant", 1);
            String orderId = Shopper.json(shopper.checkout("leaving-" + UUID.randomUUID(), "Ada", "ada@example.org", PICKUP))
                    .get("orderId").asText();
            SseStream page = shopper.stream("/api/orders/" + orderId + "/events", null);
            Await.untilAsserted("the order page is live", () -> assertThat(page.events()).isNotEmpty());

            Instant sigterm = Instant.now();
            CompletableFuture<Integer> exit = CompletableFuture
                    .supplyAsync(() -> node.terminate(SHUTDOWN_TIMEOUT.plusSeconds(10)));

            Await.within(SHUTDOWN_DELAY, "readiness DOWN while the node still serves")
                    .until(() -> !node.isReady() && node.isAlive());
            Await.within(SHUTDOWN_DELAY.plus(LEAVING), "the live stream ended").until(page::ended);
            int code = exit.get();
            Duration stopped = Duration.between(sigterm, Instant.now());

            System.out.printf("web node stopped %d ms after SIGTERM (exit %d)%n", stopped.toMillis(), code);
            assertThat(stopped).isLessThan(SHUTDOWN_DELAY.plus(LEAVING));
        } finally {
            node.kill();
        }
    }
}
