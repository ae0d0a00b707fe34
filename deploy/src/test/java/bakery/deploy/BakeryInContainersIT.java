package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import bakery.testkit.Await;

/**
 * The bakery as docker-compose.yml runs it, for real, with podman, by the commands of README's Deploy section: the
 * images built by ./bakery images,
 * compose up, customers through the published balancer only, three bakers of whom one is killed mid-bake,
 * a recreated web tier, and compose down leaving nothing behind. One stack for the whole class, in order.
 * Where podman cannot run, the class is skipped and says why; on CI (CI set) it fails instead.
 */
@EnabledIfSystemProperty(named = "containers", matches = "true", disabledReason = "containers run only when asked:"
        + " ./bakery test does, or ./mvnw -B verify -pl deploy -am -Dcontainers=true -Dit.test=BakeryInContainersIT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BakeryInContainersIT {

    /** Its own compose project and host port, so it never meets a stack someone runs by hand. */
    private static final String PROJECT = System.getProperty("bakery.containers.project", "fadu-bakery-it");
    private static final int BALANCER_PORT = Integer.getInteger("bakery.containers.balancer-port", 38080);
    /** Ovens at a fifth of real time: an order bakes in seconds, long enough to be killed mid-bake. */
    private static final String OVEN_SPEED = "0.2";
    /**
     * A killed baker's orders move on once Kafka sees it gone and its leases lapse: with the broker's least session
     * timeout and a 6 s lease that takes seconds, not the 45 s and 30 s of the defaults, which the test would only wait out.
     */
    private static final Map<String, String> BAKER_SETTINGS = Map.of("OVEN_SPEED_FACTOR", OVEN_SPEED, "OVEN_LEASE_TTL",
            "6s", "JAVA_OPTS_APPEND", "-Dmp.messaging.incoming.bake-requests.session.timeout.ms=6000"
                    + " -Dmp.messaging.incoming.bake-requests.heartbeat.interval.ms=1000");
    private static final int ORDERS = 24;
    private static final int BAKERS = 3;
    /** docs/deployment.md's promise for a service image. */
    private static final long MAX_SERVICE_IMAGE_BYTES = 250_000_000L;
    private static final Map<String, Integer> REPLICAS = Map.of("kafka", 1, "redis", 1, "postgres", 1, "smtp", 1,
            "order-service", 2, "baking-worker", 2, "notification-worker", 2, "web-tier", 2, "balancer", 1);
    private static final Duration BUILD = Duration.ofMinutes(20);
    private static final Duration START = Duration.ofMinutes(10);

    private ComposeProject project;
    private Shopper visitor;
    private final Map<String, Long> seconds = new LinkedHashMap<>();
    private final Map<UUID, Shopper> placed = new LinkedHashMap<>();
    private boolean down;

    @BeforeAll
    void buildTheImagesAndStartTheBakery(@TempDir Path folder) {
        String missing = whatPodmanLacks();
        if (missing != null) {
            String why = "containers cannot run here: " + missing;
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why + " (./bakery test installs podman, runc, iptables and docker-compose)");
            }
            Assumptions.abort(why);
        }
        long start = System.nanoTime();
        System.out.println(Command.ok(BUILD, ReadmeDeploySection.line("./bakery", "images").words().toArray(String[]::new)));
        seconds.put("images", elapsed(start));

        project = new ComposeProject(PROJECT, BALANCER_PORT, folder, Map.of("baking-worker", BAKER_SETTINGS));
        project.writeSecrets(ContainerImageTest.bakedImages().get("web-tier"));
        project.compose("down", "--volumes", "--remove-orphans");
        start = System.nanoTime();
        try {
            Command.ok(START, project.composeCommand(ReadmeDeploySection.compose(false, "up")));
        } catch (IllegalStateException e) {
            // compose says only which container was unhealthy: the containers' own words say why.
            throw new IllegalStateException(e.getMessage() + "\n" + project.diagnosis(), e);
        }
        seconds.put("compose up", elapsed(start));
        visitor = new Shopper(baseUrl(), "visitor@example.org");
    }

    @AfterAll
    void stopTheBakery() {
        if (project != null && !down) {
            project.compose("down", "--volumes", "--remove-orphans");
        }
        System.out.println("containers: seconds per step " + seconds);
    }

    @Test
    @Order(1)
    void every_service_runs_healthy_and_only_the_balancer_is_published() {
        long start = System.nanoTime();
        REPLICAS.forEach((service, count) -> assertThat(project.containers(service)).as("%s containers", service)
                .hasSize(count));
        Await.within(Duration.ofMinutes(3), "every container healthy").pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(healthByContainer()).as("health by container").allSatisfy(
                        (container, health) -> assertThat(health).as(container).isEqualTo("healthy")));
        seconds.put("all healthy", elapsed(start));

        for (String container : project.containers(null)) {
            // Ports bound on the host only: podman lists every port the image exposes, with no binding (null).
            String ports = project
                    .inspect(container, "{{range $p, $b := .HostConfig.PortBindings}}{{range $b}}{{$p}} {{end}}{{end}}")
                    .strip();
            if (container.contains("_balancer_")) {
                assertThat(ports).as("the balancer's published port").isEqualTo("8080/tcp");
                assertThat(project.inspect(container, "{{(index (index .HostConfig.PortBindings \"8080/tcp\") 0).HostPort}}"))
                        .isEqualTo(String.valueOf(BALANCER_PORT));
            } else {
                assertThat(ports).as("%s publishes nothing", container).isEmpty();
            }
        }
        for (String service : Repo.SERVICES) {
            for (String container : project.containers(service)) {
                assertThat(project.inspect(container, "{{.HostConfig.ReadonlyRootfs}}")).as("%s read-only", container)
                        .isEqualTo("true");
                assertThat(project.inspect(container, "{{.Config.User}}")).as("%s user", container).isEqualTo("185");
            }
            String image = ContainerImageTest.bakedImages().get(service);
            long size = Long.parseLong(project.inspectImage(image, "{{.Size}}"));
            System.out.printf("containers: image %s %d MB%n", image, size / 1_000_000);
            assertThat(size).as("%s image size", service).isLessThanOrEqualTo(MAX_SERVICE_IMAGE_BYTES);
        }
        assertThat(visitor.get("/balancer/health").status()).isEqualTo(200);
        assertThat(visitor.get("/q/health/ready").status()).as("health is not public").isEqualTo(404);
    }

    @Test
    @Order(2)
    void an_order_through_the_balancer_is_baked_and_its_customer_mailed() {
        long start = System.nanoTime();
        Shopper customer = new Shopper(baseUrl(), "first-customer@example.org");
        UUID order = customer.order(catalog().get(0), 1);
        Await.within(Duration.ofMinutes(3), "the order READY").pollInterval(Duration.ofMillis(500))
                .until(() -> "READY".equals(customer.status(order)));
        Await.within(Duration.ofMinutes(1), "the READY e-mail").pollInterval(Duration.ofSeconds(1))
                .until(() -> readyMails().getOrDefault(customer.email, 0L) == 1L);
        seconds.put("first order ready and mailed", elapsed(start));
    }

    @Test
    @Order(3)
    void three_bakers_lose_no_order_when_one_is_killed_mid_bake() {
        long start = System.nanoTime();
        String[] scale = ReadmeDeploySection.compose(true, "up");
        assertThat(scale).as("README's scaling line").contains("baking-worker=" + BAKERS);
        project.compose(scale);
        Await.within(Duration.ofMinutes(3), BAKERS + " healthy bakers").pollInterval(Duration.ofSeconds(2))
                .until(() -> project.containers("baking-worker").stream().filter(c -> "healthy".equals(project.health(c)))
                        .count() == BAKERS);

        List<String> skus = catalog();
        for (int i = 0; i < ORDERS; i++) {
            Shopper shopper = new Shopper(baseUrl(), "customer-" + i + "@example.org");
            placed.put(shopper.order(skus.get(i % skus.size()), 1 + i % 2), shopper);
        }
        Await.within(Duration.ofMinutes(2), "orders in the ovens").pollInterval(Duration.ofMillis(500))
                .until(() -> statuses().getOrDefault("BAKING", 0L) >= BAKERS);
        String doomed = project.containers("baking-worker").get(0);
        project.kill(doomed);
        Map<String, Long> atTheKill = statuses();
        assertThat(atTheKill.getOrDefault("READY", 0L)).as("orders READY when %s died: %s", doomed, atTheKill)
                .isLessThan(ORDERS);

        Await.within(Duration.ofMinutes(4), "every order READY").pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(statuses()).as("orders by status").isEqualTo(Map.of("READY", (long) ORDERS)));
        seconds.put("orders ready after a baker was killed", elapsed(start));
        Await.within(Duration.ofMinutes(2), "one READY e-mail per order").pollInterval(Duration.ofSeconds(1))
                .until(() -> placed.values().stream().allMatch(s -> readyMails().containsKey(s.email)));
        assertOneReadyMailPerOrder();
    }

    @Test
    @Order(4)
    void the_balancer_finds_a_recreated_web_tier_at_its_new_addresses() {
        long start = System.nanoTime();
        Set<String> before = project.addresses("web-tier");
        project.compose("up", "--detach", "--no-deps", "--force-recreate", "web-tier");
        Await.within(Duration.ofMinutes(3), "the new web nodes healthy").pollInterval(Duration.ofSeconds(2))
                .until(() -> project.containers("web-tier").size() == 2
                        && project.containers("web-tier").stream().allMatch(c -> "healthy".equals(project.health(c))));
        Set<String> after = project.addresses("web-tier");
        assertThat(after).as("the recreated web nodes' addresses (else this proves nothing)")
                .doesNotContainAnyElementsOf(before)
                .hasSize(2);

        Await.within(Duration.ofSeconds(60), "the shop answering again").pollInterval(Duration.ofMillis(500))
                .until(() -> visitor.get("/api/catalog").status() == 200);
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(visitor.get("/api/catalog").status());
        }
        assertThat(answers).as("answers through the balancer after the web tier moved").containsOnly(200);
        seconds.put("web tier recreated and found", elapsed(start));
        // Time has passed since every order was READY: still no second e-mail for any of them.
        assertOneReadyMailPerOrder();
    }

    @Test
    @Order(5)
    void compose_down_leaves_nothing_running() {
        long start = System.nanoTime();
        project.compose(ReadmeDeploySection.compose(false, "down"));
        down = true;
        seconds.put("compose down", elapsed(start));
        assertThat(project.leftovers()).as("containers, networks and volumes of %s", PROJECT).isEmpty();
        if (Command.ok(Duration.ofMinutes(1), ComposeProject.PODMAN, "ps", "--quiet").isBlank()) {
            assertThat(Path.of("/run/fadu-bakery-podman/service.pid")).as("podman's API service stopped").doesNotExist();
            assertThat(Path.of("/run/fadu-bakery-podman/healthchecks.pid")).as("the health-check clock stopped")
                    .doesNotExist();
        }
    }

    // ---- reading the bakery -------------------------------------------------------------------

    private String baseUrl() {
        return "http://127.0.0.1:" + BALANCER_PORT;
    }

    private List<String> catalog() {
        Shopper.Answer answer = Await.within(Duration.ofMinutes(1), "the catalog").pollInterval(Duration.ofMillis(500))
                .until(() -> visitor.get("/api/catalog"), a -> a.status() == 200);
        List<String> skus = new ArrayList<>();
        answer.json().forEach(product -> skus.add(product.path("sku").asText()));
        return skus;
    }

    private Map<String, Long> statuses() {
        Map<String, Long> count = new TreeMap<>();
        placed.forEach((order, shopper) -> count.merge(String.valueOf(shopper.status(order)), 1L, Long::sum));
        return count;
    }

    private Map<String, String> healthByContainer() {
        Map<String, String> health = new TreeMap<>();
        project.containers(null).forEach(c -> health.put(c, project.health(c)));
        return health;
    }

    /** READY e-mails by recipient, from the SMTP sink's message list (mailpit's API, inside the compose network). */
    private Map<String, Long> readyMails() {
        JsonNode list = Shopper
                .json(project.exec("smtp", "wget", "-q", "-O", "-", "http://127.0.0.1:8025/api/v1/messages?limit=10000"));
        Map<String, Long> byRecipient = new HashMap<>();
        for (JsonNode message : list.path("messages")) {
            if (message.path("Subject").asText().contains("is ready for pickup")) {
                message.path("To").forEach(to -> byRecipient.merge(to.path("Address").asText(), 1L, Long::sum));
            }
        }
        return byRecipient;
    }

    private void assertOneReadyMailPerOrder() {
        Map<String, Long> mails = readyMails();
        Map<String, Long> perOrder = placed.values().stream()
                .collect(Collectors.toMap(s -> s.email, s -> mails.getOrDefault(s.email, 0L)));
        assertThat(perOrder).as("READY e-mails per order")
                .allSatisfy((email, count) -> assertThat(count).as(email).isEqualTo(1L));
    }

    private static long elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }

    /** Null when podman, runc and docker-compose can run containers here; else what is missing. */
    private static String whatPodmanLacks() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the podman scripts run as root, and this is " + System.getProperty("user.name");
        }
        for (String program : List.of("podman", "docker-compose", "runc")) {
            if (Command.run(Duration.ofSeconds(30), "sh", "-c", "command -v " + program).exit() != 0) {
                return program + " is not installed";
            }
        }
        Command info = Command.run(Duration.ofMinutes(1), ComposeProject.PODMAN, "info");
        if (info.exit() != 0) {
            return "podman info fails: " + info.output().lines().reduce((a, b) -> b).orElse("");
        }
        return null;
    }
}
