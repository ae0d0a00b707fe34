package bakery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The Dockerfile and bake file as text; BakeryInContainersIT builds and runs the images for real. */
class ContainerImageTest {

    private static final Path DOCKERFILE = Repo.file("deploy/docker/Dockerfile.jvm");
    private static final Path BAKE = Repo.file("deploy/docker/docker-bake.json");

    private final List<String> lines = Repo.read(DOCKERFILE).lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    @Test
    void every_service_module_ships_as_an_image() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read(Repo.file("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        List<String> services = new ArrayList<>();
        for (String module : modules) {
            boolean app = Files.exists(Repo.file(module + "/src/main/resources/application.properties"));
            boolean usesDefaults = Repo.read(Repo.file(module + "/pom.xml"))
                    .contains("<artifactId>service-defaults</artifactId>");
            if (app && usesDefaults) {
                services.add(module);
            }
        }
        assertThat(services).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        assertThat(bakedImages().keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    }

    @Test
    void image_is_the_quarkus_fast_jar_on_a_jlinked_runtime_over_debian_slim() {
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).containsExactly("FROM debian:bookworm-slim AS java-runtime", "FROM ${JAVA_RUNTIME} AS runtime",
                "FROM debian:bookworm-slim");
        assertThat(lines).contains("ARG JAVA_RUNTIME=java-runtime", "COPY --from=runtime /opt/java /opt/java");
        assertThat(lines).anyMatch(l -> l.startsWith("&& jlink --add-modules \"$JAVA_MODULES\" --strip-debug"));
        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertThat(lines).as("layer %s", layer).anyMatch(
                    l -> l.matches("COPY \\$\\{SERVICE}/target/quarkus-app/" + Pattern.quote(layer) + " /deployments/.*"));
        }
        assertThat(single("ENTRYPOINT")).contains("exec java $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar");
        for (String service : Repo.SERVICES) {
            assertThat(AppConfig.of(service).raw("quarkus.package.jar.type").orElse("fast-jar"))
                    .as("%s packaging", service).isEqualTo("fast-jar");
        }
    }

    @Test
    void image_runs_as_a_non_root_user_who_cannot_change_its_code() {
        assertThat(single("USER ")).isEqualTo("USER 185");
        // Root owns what is copied in: a node cannot rewrite its own jars, even where the root filesystem is writable.
        assertThat(lines.stream().filter(l -> l.startsWith("COPY")).toList()).noneMatch(l -> l.contains("--chown"));
    }

    @Test
    void heap_is_sized_from_the_container_memory_limit() {
        Matcher ratio = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(String.join("\n", lines));
        assertThat(ratio.find()).as("MaxRAMPercentage set").isTrue();
        // Above ~80% the non-heap part (metaspace, threads, Netty buffers) no longer fits under the limit.
        assertThat(Integer.parseInt(ratio.group(1))).isBetween(50, 80);
        assertThat(lines).noneMatch(l -> l.contains("-Xmx"));
    }

    @Test
    void health_check_asks_the_services_health_endpoint_on_the_management_port() {
        assertThat(single("HEALTHCHECK")).contains("/deployments/healthcheck.sh", "ready");
        Path script = Repo.file("deploy/docker/healthcheck.sh");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Repo.read(script)).contains("GET /q/health/%s", "${MANAGEMENT_PORT}").doesNotContain("${HTTP_PORT}");
        assertThat(lines).contains("ENV MANAGEMENT_PORT=${MANAGEMENT_PORT}");
        for (String service : Repo.SERVICES) {
            assertThat(AppConfig.of(service).hasManagementInterface(Map.of())).as(service).isTrue();
            for (String kind : List.of("live", "ready", "started")) {
                assertThat(AppConfig.of(service).healthPath(kind, Map.of())).isEqualTo("/q/health/" + kind);
            }
        }
        String ignore = Repo.read(Repo.file("deploy/docker/Dockerfile.jvm.dockerignore"));
        assertThat(ignore.lines().filter(l -> !l.startsWith("#")).toList())
                .containsExactly("*", "!*/target/quarkus-app/", "!deploy/docker/healthcheck.sh");
    }

    @Test
    void bake_file_builds_each_service_on_its_own_port() {
        JsonNode targets = Repo.yaml(BAKE).path("target");
        List<String> portless = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode target = targets.path(service);
            if (!AppConfig.of(service).declaresItsPort()) {
                portless.add(service);
                continue;
            }
            assertThat(target.path("inherits").get(0).asText()).isEqualTo("service");
            assertThat(target.path("args").path("SERVICE").asText()).isEqualTo(service);
            assertThat(target.path("args").path("HTTP_PORT").asText())
                    .isEqualTo(String.valueOf(AppConfig.of(service).httpPort(Map.of())));
            assertThat(target.path("args").path("MANAGEMENT_PORT").asText()).as("%s management port", service)
                    .isEqualTo(String.valueOf(AppConfig.of(service).healthPort(Map.of())));
        }
        assertThat(targets.path("service").path("dockerfile").asText())
                .isEqualTo(Repo.root().relativize(DOCKERFILE).toString());
        assumeTrue(portless.isEmpty(), "quarkus.http.port not configured yet in " + portless);
    }

    /** Image name (with the bake file's default prefix and tag) by service. */
    static Map<String, String> bakedImages() {
        JsonNode bake = Repo.yaml(BAKE);
        Map<String, String> defaults = new TreeMap<>();
        bake.path("variable").fields().forEachRemaining(v -> defaults.put(v.getKey(), v.getValue().path("default").asText()));
        Map<String, String> images = new TreeMap<>();
        for (JsonNode target : bake.path("group").path("default").path("targets")) {
            String tag = bake.path("target").path(target.asText()).path("tags").get(0).asText();
            images.put(target.asText(),
                    Pattern.compile("\\$\\{(\\w+)}").matcher(tag).replaceAll(m -> defaults.get(m.group(1))));
        }
        return images;
    }

    private String single(String instruction) {
        List<String> found = lines.stream().filter(l -> l.startsWith(instruction)).toList();
        assertThat(found).as(instruction).hasSize(1);
        return found.get(0);
    }
}
