package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.contracts.scaling.CalendarRule;
import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.ServicePolicy;

/**
 * Both overlays against the capacity policy (deploy/scaling.yaml), the file {@code ./bakery autoscale} follows: the
 * same bounds, signals and calendar on Kubernetes, a scaler KEDA can reach, and sizes that fit together.
 */
class ScalingPolicyOnKubernetesTest {

    private static final ScalingPolicy POLICY = ScalingPolicy.read(Repo.file(ScalingPolicy.FILE));

    /** PostgreSQL's default, which the dev overlay's server keeps and docs/deployment.md asks of the managed one. */
    private static final int POSTGRES_MAX_CONNECTIONS = 100;
    /** PostgreSQL's superuser_reserved_connections default: never available to the pools. */
    private static final int POSTGRES_RESERVED = 3;
    /** The migration Job's Flyway: one JDBC connection while it runs, beside the pods. */
    private static final int MIGRATION_CONNECTIONS = 1;

    @Test
    void the_policy_scales_every_service_that_is_deployed() {
        assertThat(POLICY.services().keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        assertThat(POLICY.service("web-tier").min()).as("web keeps two: failure is partial").isGreaterThanOrEqualTo(2);
        assertThat(POLICY.service("order-service").min()).as("the single writer keeps two").isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void workers_scale_on_their_lag_within_the_policys_bounds(String overlay) {
        List<ServicePolicy> lagScaled = POLICY.inOrder().stream().filter(s -> s.signal().lagScaled()).toList();
        assertThat(KubernetesOverlaysTest.kind(overlay, "ScaledObject"))
                .extracting(o -> o.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(lagScaled.stream().map(ServicePolicy::name).toList());
        for (ServicePolicy service : lagScaled) {
            JsonNode spec = KubernetesOverlaysTest.named(overlay, "ScaledObject", service.name()).path("spec");
            assertThat(spec.path("scaleTargetRef").path("name").asText()).isEqualTo(service.name());
            assertThat(spec.path("minReplicaCount").asInt()).as("%s min", service.name()).isEqualTo(service.min());
            assertThat(spec.path("maxReplicaCount").asInt()).as("%s max", service.name()).isEqualTo(service.max());
            JsonNode first = spec.path("triggers").get(0);
            assertThat(first.path("type").asText()).as("%s: the overlays patch the kafka trigger by position", service.name())
                    .isEqualTo("kafka");
            JsonNode meta = first.path("metadata");
            assertThat(KubernetesOverlaysTest.triggers(spec, "kafka")).hasSize(1);
            assertThat(meta.path("consumerGroup").asText()).isEqualTo(service.signal().consumerGroup());
            assertThat(meta.path("lagThreshold").asLong()).as("%s lagThreshold", service.name())
                    .isEqualTo(service.signal().lag());
            assertThat(meta.path("allowIdleConsumers").asText()).isEqualTo("false");
            if (service.signal().topics().size() == 1) {
                assertThat(meta.path("topic").asText()).isEqualTo(service.signal().topics().get(0));
            } else {
                assertThat(meta.has("topic")).as("%s reads several topics: KEDA sums them", service.name()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void keda_reaches_the_brokers_by_a_name_that_resolves_from_its_own_namespace(String overlay) {
        JsonNode kafka = KubernetesOverlaysTest.kind(overlay, "Kafka").get(0);
        String namespace = kafka.path("metadata").path("namespace").asText();
        int port = kafka.path("spec").path("kafka").path("listeners").get(0).path("port").asInt();
        String expected = kafka.path("metadata").path("name").asText() + "-kafka-bootstrap." + namespace + ".svc.cluster.local:"
                + port;
        assertThat(namespace).isNotBlank();
        for (ObjectNode scaler : KubernetesOverlaysTest.kind(overlay, "ScaledObject")) {
            assertThat(KubernetesOverlaysTest.triggers(scaler.path("spec"), "kafka").get(0).path("metadata")
                    .path("bootstrapServers").asText()).as("%s %s", overlay, scaler.path("metadata").path("name").asText())
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void calendar_rules_are_the_cron_triggers(String overlay) {
        assertThat(POLICY.timezone().getId()).as("the bakery's own zone")
                .isEqualTo(KubernetesOverlaysTest.environment(overlay, "web-tier").get("BAKERY_ZONE"));
        for (ServicePolicy service : POLICY.inOrder()) {
            if (!service.signal().lagScaled()) {
                continue;
            }
            Set<Cron> rendered = new HashSet<>();
            JsonNode spec = KubernetesOverlaysTest.named(overlay, "ScaledObject", service.name()).path("spec");
            for (JsonNode trigger : KubernetesOverlaysTest.triggers(spec, "cron")) {
                JsonNode m = trigger.path("metadata");
                rendered.add(new Cron(m.path("timezone").asText(), m.path("start").asText(), m.path("end").asText(),
                        m.path("desiredReplicas").asInt()));
            }
            assertThat(rendered).as("%s %s cron triggers", overlay, service.name())
                    .containsExactlyInAnyOrderElementsOf(expectedCrons(service));
        }
    }

    @Test
    void a_month_end_rule_needs_a_trigger_per_month_length_and_holds_where_the_policy_holds() {
        CalendarRule monthEnd = POLICY.calendar().stream().filter(r -> r.lastDaysOfMonth() > 0).findFirst().orElseThrow();
        List<Cron> crons = crons(monthEnd, 10);
        assertThat(crons).extracting(Cron::start).containsExactlyInAnyOrder("0 6 29-31 1,3,5,7,8,10,12 *",
                "0 6 28-30 4,6,9,11 *", "0 6 26-28 2 *");
        // Every day of a common year: a cron's day and month match exactly where the rule holds.
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            LocalDate d = day;
            boolean cronHolds = crons.stream().anyMatch(c -> matches(c.start(), d));
            assertThat(cronHolds).as("%s", day).isEqualTo(monthEnd.appliesOn(day));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void the_web_tier_scales_on_cpu_as_the_policy_says(String overlay) {
        ServicePolicy web = POLICY.service("web-tier");
        JsonNode hpa = KubernetesOverlaysTest.named(overlay, "HorizontalPodAutoscaler", "web-tier").path("spec");
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(web.min());
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(web.max());
        JsonNode cpu = hpa.path("metrics").get(0).path("resource");
        assertThat(cpu.path("name").asText()).isEqualTo("cpu");
        assertThat(cpu.path("target").path("averageUtilization").asInt()).isEqualTo(web.signal().cpu());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void no_deployment_has_fixed_replicas_where_an_autoscaler_owns_the_count(String overlay) {
        Set<String> owned = new HashSet<>();
        KubernetesOverlaysTest.kind(overlay, "ScaledObject")
                .forEach(o -> owned.add(o.path("spec").path("scaleTargetRef").path("name").asText()));
        KubernetesOverlaysTest.kind(overlay, "HorizontalPodAutoscaler")
                .forEach(o -> owned.add(o.path("spec").path("scaleTargetRef").path("name").asText()));
        assertThat(owned).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        for (String service : owned) {
            assertThat(KubernetesOverlaysTest.deployment(overlay, service).path("spec").has("replicas"))
                    .as("%s %s states replicas its autoscaler owns", overlay, service).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void every_consumer_the_scaler_may_start_gets_a_partition(String overlay) {
        Map<String, Integer> partitions = KubernetesOverlaysTest.kind(overlay, "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.path("spec").path("topicName").asText(),
                        t -> t.path("spec").path("partitions").asInt()));
        for (ServicePolicy service : POLICY.inOrder()) {
            if (!service.signal().lagScaled()) {
                continue;
            }
            AppConfig config = AppConfig.of(service.name());
            Map<String, String> env = KubernetesOverlaysTest.environment(overlay, service.name());
            for (var channel : config.incoming(env).entrySet()) {
                int consumers = Integer
                        .parseInt(config.value("mp.messaging.incoming." + channel.getKey() + ".concurrency", env, "1"));
                int fewest = channel.getValue().topics().stream().mapToInt(partitions::get).min().orElseThrow();
                assertThat(service.max() * consumers).as("%s %s: %d pods x %d consumers on %d partitions", overlay,
                        channel.getKey(), service.max(), consumers, fewest).isLessThanOrEqualTo(fewest);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void the_database_pools_of_every_pod_fit_postgresqls_connections(String overlay) {
        ServicePolicy writer = POLICY.service("order-service");
        Map<String, String> env = KubernetesOverlaysTest.environment(overlay, writer.name());
        int pool = Integer.parseInt(AppConfig.of(writer.name()).value("quarkus.datasource.reactive.max-size", env, "4"));
        int surge = KubernetesOverlaysTest.deployment(overlay, writer.name()).path("spec").path("strategy")
                .path("rollingUpdate").path("maxSurge").asInt(1);
        int needed = (writer.max() + surge) * pool + MIGRATION_CONNECTIONS + POSTGRES_RESERVED;
        assertThat(needed).as("%s: (%d pods + %d surging) x pool %d + migration + reserved", overlay, writer.max(), surge, pool)
                .isLessThanOrEqualTo(POSTGRES_MAX_CONNECTIONS);
    }

    @Test
    void the_strimzi_version_is_stated_pinned_and_one_that_runs_kafka_4_1() {
        String pinned = System.getProperty("bakery.strimzi.version");
        JsonNode kafka = KubernetesOverlaysTest.kind("prod", "Kafka").get(0);
        String stated = kafka.path("metadata").path("annotations").path("fadu-bakery.example/strimzi-version").asText();
        assertThat(stated).as("the version the Kafka resource states").isEqualTo(pinned);
        String[] parts = pinned.split("\\.");
        int minor = Integer.parseInt(parts[1]);
        assertThat(parts[0]).isEqualTo("0");
        assertThat(minor).as("Kafka 4.1 with the v1beta2 API needs Strimzi 0.49 to 0.51").isBetween(49, 51);
        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafka.path("spec").path("kafka").path("version").asText()).startsWith("4.1.");
        assertThat(Repo.read(Repo.file("docs/deployment.md"))).contains("[Strimzi](https://strimzi.io) " + pinned);
    }

    // ---- the calendar as KEDA's cron trigger reads it ------------------------------------------

    record Cron(String timezone, String start, String end, int desiredReplicas) {
    }

    private static List<Cron> expectedCrons(ServicePolicy service) {
        List<Cron> crons = new ArrayList<>();
        for (CalendarRule rule : POLICY.calendar()) {
            Integer count = rule.instances().get(service.name());
            if (count != null && count > service.min()) {
                crons.addAll(crons(rule, count));
            }
        }
        return crons;
    }

    /**
     * One rule as cron triggers: weekdays in the day-of-week field; the month's last days, which cron cannot say, as one
     * trigger per month length; dates as day and month. A rule naming several kinds of day has no cron form (cron ORs day
     * of month and day of week), so the policy for Kubernetes names one.
     */
    private static List<Cron> crons(CalendarRule rule, int count) {
        int kinds = (rule.days().isEmpty() ? 0 : 1) + (rule.lastDaysOfMonth() == 0 ? 0 : 1) + (rule.dates().isEmpty() ? 0 : 1);
        assertThat(kinds).as("calendar rule '%s' names one kind of day", rule.name()).isLessThanOrEqualTo(1);
        String dow = rule.days().isEmpty() ? "*"
                : rule.days().stream().map(d -> d.getValue() % 7).sorted().map(String::valueOf)
                        .collect(Collectors.joining(","));
        List<String[]> domMonth = new ArrayList<>();
        if (rule.lastDaysOfMonth() > 0) {
            int n = rule.lastDaysOfMonth();
            domMonth.add(new String[] { (32 - n) + "-31", "1,3,5,7,8,10,12" });
            domMonth.add(new String[] { (31 - n) + "-30", "4,6,9,11" });
            domMonth.add(new String[] { (29 - n) + "-28", "2" });
        } else if (!rule.dates().isEmpty()) {
            rule.dates().stream().sorted()
                    .forEach(d -> domMonth
                            .add(new String[] { String.valueOf(d.getDayOfMonth()), String.valueOf(d.getMonthValue()) }));
        } else {
            domMonth.add(new String[] { "*", "*" });
        }
        List<Cron> crons = new ArrayList<>();
        for (String[] dm : domMonth) {
            String days = " " + dm[0] + " " + dm[1] + " " + dow;
            crons.add(new Cron(POLICY.timezone().getId(), rule.from().getMinute() + " " + rule.from().getHour() + days,
                    rule.to().getMinute() + " " + rule.to().getHour() + days, count));
        }
        return crons;
    }

    /** Whether a cron expression's day-of-month and month fields take this day (the forms {@link #crons} writes). */
    private static boolean matches(String cron, LocalDate day) {
        String[] f = cron.split(" ");
        return field(f[2], day.getDayOfMonth()) && field(f[3], day.getMonthValue())
                && field(f[4], day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    }

    private static boolean field(String field, int value) {
        if (field.equals("*")) {
            return true;
        }
        for (String part : field.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (value >= from && value <= to) {
                return true;
            }
        }
        return false;
    }
}
