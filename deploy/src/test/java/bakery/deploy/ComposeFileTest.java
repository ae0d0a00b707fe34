package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import bakery.contracts.scaling.WorkerScaling;

/**
 * docker-compose.yml gives the same system as `./bakery up`: every service configured, started in order, drained in time;
 * only the balancer published, every secret from an uncommitted env file.
 */
class ComposeFileTest {

    /**
     * Compose's own interpolation: ${VAR:-default} and ${VAR-default} take the default when VAR is unset; ${VAR:?message}
     * refuses to start without VAR (here it stands as {@code <VAR>}).
     */
    private static final Pattern INTERPOLATION = Pattern
            .compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:\\?)[^}]*)?}");

    /** What must never have a default: each comes from .env, which .gitignore keeps out of the repository. */
    static final List<String> SECRETS = List.of("AUTH_ENCRYPTION_KEY", "STAFF_PASSWORD_HASH", "OPS_PASSWORD_HASH",
            "DB_PASSWORD", "REDIS_PASSWORD");

    private final ObjectNode compose = Repo.yaml(Repo.file("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @Test
    void every_variable_the_services_read_is_set_or_deliberately_defaulted() {
        for (String service : Repo.SERVICES) {
            Set<String> missing = new TreeSet<>(AppConfig.of(service).environmentVariables());
            missing.removeAll(environment(service).keySet());
            missing.removeAll(DeliberateDefaults.forCompose());
            assertThat(missing).as("variables %s reads that docker-compose.yml leaves unset", service).isEmpty();
        }
    }

    @Test
    void each_service_listens_where_its_health_check_and_the_balancer_look() {
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            assertThat(config.declaresItsPort()).as("%s sets quarkus.http.port", service).isTrue();
            Map<String, String> env = environment(service);
            JsonNode args = services.path(service).path("build").path("args");
            assertThat(args.path("HTTP_PORT").asText()).as("%s image port", service)
                    .isEqualTo(String.valueOf(config.httpPort(env)));
            assertThat(config.hasManagementInterface(env)).as("%s health and metrics off the public port", service).isTrue();
            assertThat(args.path("MANAGEMENT_PORT").asText()).as("%s image management port (the health check's)", service)
                    .isEqualTo(String.valueOf(config.healthPort(env)));
            assertThat(config.healthPort(env)).isNotEqualTo(config.httpPort(env));
            assertThat(config.healthPath("ready", env)).isEqualTo("/q/health/ready");
        }
        // The balancer sends requests to the web tier by name (deploy/nginx/web-tier-by-name.sh), looked up again
        // as replicas come and go.
        String webTier = services.path("balancer").path("environment").path("BALANCER_WEB_TIER").asText();
        int webPort = AppConfig.of("web-tier").httpPort(environment("web-tier"));
        assertThat(webTier).isEqualTo("web-tier:" + webPort);
    }

    @Test
    void every_tier_runs_at_least_two_nodes_and_workers_start_at_their_scaling_minimum() {
        for (String service : Repo.SERVICES) {
            assertThat(services.path(service).path("deploy").path("replicas").asInt(1)).as(service).isGreaterThanOrEqualTo(2);
        }
        WorkerScaling.shipped()
                .forEach((worker, rule) -> assertThat(services.path(worker).path("deploy").path("replicas").asInt()).as(worker)
                        .isEqualTo(rule.min()));
    }

    @Test
    void services_start_only_after_what_they_need_is_healthy() {
        services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields().forEachRemaining(dep -> {
            assertThat(dep.getValue().path("condition").asText())
                    .as("%s waits for %s", service.getKey(), dep.getKey()).isEqualTo("service_healthy");
            assertThat(services.path(dep.getKey()).path("healthcheck").path("test").isMissingNode())
                    .as("%s has a healthcheck", dep.getKey()).isFalse();
        }));
        assertThat(dependencies("order-service")).contains("kafka", "postgres");
        assertThat(dependencies("web-tier")).contains("kafka", "redis", "order-service");
        assertThat(dependencies("notification-worker")).contains("kafka", "smtp");
        assertThat(dependencies("balancer")).contains("web-tier");
    }

    @Test
    void docker_waits_for_the_drain_before_it_kills_a_node() {
        for (String service : Repo.SERVICES) {
            AppConfig config = AppConfig.of(service);
            Map<String, String> env = environment(service);
            Duration drain = config.duration("quarkus.shutdown.delay", env, "0s")
                    .plus(config.duration("quarkus.shutdown.timeout", env, "30s"));
            Duration grace = AppConfig.parseDuration(services.path(service).path("stop_grace_period").asText("10s"));
            assertThat(grace).as("%s stop_grace_period against a drain of %s", service, drain)
                    .isGreaterThanOrEqualTo(drain.plus(KubernetesOverlaysTest.DRAIN_MARGIN));
        }
    }

    @Test
    void the_infrastructure_is_the_one_the_services_expect() {
        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains(environment("order-service").get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(services.path("redis").path("image").asText()).startsWith("redis:");
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");
        assertThat(environment("order-service").get("DB_URL"))
                .contains("postgres:5432/" + services.path("postgres").path("environment").path("POSTGRES_DB").asText());
        assertThat(environment("notification-worker").get("SMTP_HOST")).isEqualTo("smtp");
        assertThat(services.path("smtp").path("image").asText()).startsWith("axllent/mailpit:");
        assertThat(environment("notification-worker").get("SMTP_PORT")).as("mailpit's SMTP port").isEqualTo("1025");
        String redisPassword = services.path("redis").path("environment").path("REDISCLI_AUTH").asText();
        assertThat(redisPassword).startsWith("${REDIS_PASSWORD:?");
        for (String service : Repo.SERVICES) {
            assertThat(services.path(service).path("environment").path("REDIS_URL").asText())
                    .as("%s signs in to Redis", service)
                    .startsWith("redis://:${REDIS_PASSWORD:?").endsWith("@redis:6379");
        }
        assertThat(services.path("redis").path("command").toString()).contains("--requirepass");
    }

    @Test
    void only_the_balancer_is_published_on_the_host() {
        services.fields().forEachRemaining(service -> {
            if (!service.getKey().equals("balancer")) {
                assertThat(service.getValue().has("ports")).as("%s publishes ports", service.getKey()).isFalse();
            }
            assertThat(service.getValue().path("network_mode").asText()).as("%s network", service.getKey())
                    .isNotEqualTo("host");
        });
        JsonNode ports = services.path("balancer").path("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).asText()).as("the host port is configurable").startsWith("${BALANCER_PORT:-8080}:");
    }

    @Test
    void every_secret_comes_from_the_uncommitted_env_file_and_has_no_default() {
        String text = Repo.read(Repo.file("docker-compose.yml"));
        for (String secret : SECRETS) {
            Matcher uses = Pattern.compile("\\$\\{" + secret + "([^}]*)}").matcher(text);
            int found = 0;
            while (uses.find()) {
                found++;
                assertThat(uses.group(1)).as("${%s...} in docker-compose.yml", secret).startsWith(":?");
            }
            assertThat(found).as("%s used in docker-compose.yml", secret).isPositive();
        }
        Matcher anyDefault = INTERPOLATION.matcher(text);
        while (anyDefault.find()) {
            if (anyDefault.group(2) != null) {
                assertThat(SECRETS).as("a default for %s", anyDefault.group(1)).doesNotContain(anyDefault.group(1));
            }
        }

        List<String> example = Repo.read(Repo.file(".env.example")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String secret : SECRETS) {
            assertThat(example).as(".env.example leaves %s empty: no placeholder can run as a secret", secret)
                    .contains(secret + "=");
        }
        assertThat(Repo.read(Repo.file(".gitignore")).lines().map(String::strip)).as(".env is never committed")
                .contains(".env");
    }

    @Test
    void no_service_reads_a_kafka_variable_besides_the_bootstrap_servers() {
        for (String service : Repo.SERVICES) {
            assertThat(environment(service).keySet()).as("%s environment", service)
                    .allMatch(name -> !name.startsWith("KAFKA_") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(AppConfig.of(service).environmentVariables()).as("%s configuration", service)
                    .allMatch(name -> !name.startsWith("KAFKA_") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        }
    }

    @Test
    void the_balancer_renders_the_shared_template() {
        JsonNode balancer = services.path("balancer");
        assertThat(balancer.path("image").asText()).startsWith("nginx:");
        assertThat(balancer.path("volumes").get(0).asText())
                .isEqualTo("./deploy/nginx/balancer.conf.template:/etc/nginx/templates/default.conf.template:ro");
        assertThat(balancer.path("volumes").get(1).asText())
                .isEqualTo("./deploy/nginx/web-tier-by-name.sh:/docker-entrypoint.d/40-web-tier-by-name.sh:ro");
        assertThat(Files.isExecutable(Repo.file("deploy/nginx/web-tier-by-name.sh"))).isTrue();
        String template = Repo.read(Repo.file("deploy/nginx/balancer.conf.template"));
        Set<String> variables = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(template);
        while (m.find()) {
            variables.add(m.group(1));
        }
        Set<String> given = new TreeSet<>();
        balancer.path("environment").fieldNames().forEachRemaining(given::add);
        assertThat(given).containsAll(variables);
        assertThat(balancer.path("ports").get(0).asText()).as("the published port forwards to where nginx listens")
                .endsWith(":" + balancer.path("environment").path("BALANCER_PORT").asText());
    }

    @Test
    void images_are_the_ones_the_bake_file_builds() {
        Map<String, String> baked = ContainerImageTest.bakedImages();
        for (String service : Repo.SERVICES) {
            JsonNode s = services.path(service);
            assertThat(interpolate(s.path("image").asText())).as(service).isEqualTo(baked.get(service));
            assertThat(s.path("build").path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile.jvm");
            assertThat(s.path("build").path("args").path("SERVICE").asText()).isEqualTo(service);
        }
    }

    /** The environment a service's containers get, with compose's defaults for ${VAR:-default}. */
    private Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        services.path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
        return env;
    }

    private Set<String> dependencies(String service) {
        Set<String> names = new TreeSet<>();
        services.path(service).path("depends_on").fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String interpolate(String value) {
        return INTERPOLATION.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                m.group(4) != null ? "<" + m.group(1) + ">" : m.group(3) == null ? "" : m.group(3)));
    }
}
