package bakery.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bakery.testkit.Await;
import bakery.testkit.DemoStaff;
import bakery.testkit.FreePort;
import bakery.testkit.KafkaBroker;
import bakery.testkit.RedisServer;
import bakery.testkit.ServiceProcess;
import bakery.web.OrderServiceStub;

/**
 * The packaged web tier in its prod profile takes the sign-in cookie key and the staff password
 * hashes from the environment and nowhere else: without one of them it does not start, and its log
 * names the variable that is missing.
 */
class ProdNodeRefusesToStartWithoutItsSecretsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "nodes").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = { "AUTH_ENCRYPTION_KEY", "STAFF_PASSWORD_HASH", "OPS_PASSWORD_HASH" })
    void withoutOneSecretTheNodeStopsAndNamesIt(String missing) throws Exception {
        Map<String, String> secrets = secrets();
        secrets.remove(missing);
        Path log = LOGS.resolve("without-" + missing + ".log");
        Process node = start(secrets, log, FreePort.next());
        try {
            Await.within(Duration.ofSeconds(60), "the node without " + missing + " exits").until(() -> !node.isAlive());
            assertThat(node.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains(missing);
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void withAllThreeItStartsAndStaffCanSignIn() throws Exception {
        int port = FreePort.next();
        ServiceProcess probe = new ServiceProcess("with-every-secret", JAR, port);
        Map<String, String> secrets = secrets();
        // readiness answers on the management interface only
        secrets.put("MANAGEMENT_PORT", Integer.toString(probe.managementPort()));
        Process node = start(secrets, LOGS.resolve("with-every-secret.log"), port);
        try {
            Await.within(Duration.ofSeconds(60), "the node with every secret is ready").until(probe::isReady);
            assertThat(bakery.web.SignedInStaff.signIn("http://localhost:" + port, "ops", "ops-demo").get("/ops").statusCode())
                    .isEqualTo(200);
        } finally {
            node.destroy();
            node.waitFor();
        }
    }

    private static Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("AUTH_ENCRYPTION_KEY", DemoStaff.COOKIE_KEY);
        secrets.put("STAFF_PASSWORD_HASH", DemoStaff.STAFF_PASSWORD_HASH);
        secrets.put("OPS_PASSWORD_HASH", DemoStaff.OPS_PASSWORD_HASH);
        return secrets;
    }

    private static Process start(Map<String, String> secrets, Path log, int port) throws IOException {
        Files.createDirectories(LOGS);
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("AUTH_ENCRYPTION_KEY");
        env.remove("STAFF_PASSWORD_HASH");
        env.remove("OPS_PASSWORD_HASH");
        env.putAll(secrets);
        env.put("HTTP_PORT", Integer.toString(port));
        env.putIfAbsent("MANAGEMENT_PORT", Integer.toString(FreePort.next()));
        env.put("NODE_ID", "web-secrets");
        env.put("REDIS_URL", RedisServer.shared().url());
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.shared().bootstrapServers());
        env.put("ORDER_SERVICE_URL", OrderServiceStub.shared().url());
        return builder.start();
    }
}
