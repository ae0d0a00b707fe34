package bakery.stack.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import bakery.stack.process.NodeLauncher;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackSettings;

/**
 * The stack's Kafka broker: KRaft, broker and controller in one JVM ({@code kafka.Kafka}) run from
 * the jars in local-stack's lib folder, data under {@code .bakery/kafka/data}. Storage is formatted
 * once; later starts reuse it, so topics and offsets survive {@code down} and {@code up}.
 */
public final class KafkaNode {

    private final StackLayout layout;
    private final StackSettings settings;

    public KafkaNode(StackLayout layout, StackSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    public int port() {
        return settings.port("kafka");
    }

    public String bootstrapServers() {
        return "localhost:" + port();
    }

    Path config() {
        return layout.kafka().resolve("server.properties");
    }

    Path data() {
        return layout.kafka().resolve("data");
    }

    Properties properties() {
        int controller = settings.port("kafka-controller");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controller);
        p.put("listeners", "PLAINTEXT://localhost:" + port() + ",CONTROLLER://localhost:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data().toString());
        p.put("num.partitions", settings.text("kafka.partitions"));
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Scaling by hand should show at once; the default waits 3 s for more members to join.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Writes the broker's config (ports may differ from last time) and formats storage on first use. */
    public void prepare() {
        try {
            Files.createDirectories(data());
            try (OutputStream out = Files.newOutputStream(config())) {
                properties().store(out, "FADU Bakery local broker, written by ./bakery up");
            }
            if (Files.exists(data().resolve("meta.properties"))) {
                return;
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config().toString(),
                    "--ignore-formatted"
            }, new PrintStream(log, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + log.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process launch() {
        List<String> command = new ArrayList<>();
        command.add(NodeLauncher.java());
        command.addAll(settings.words("kafka.java-options"));
        command.addAll(SimpleLogging.jvmOptions());
        command.addAll(List.of("-cp", layout.stackLib() + "/*", "kafka.Kafka", config().toString()));
        return NodeLauncher.launch(command, Map.of(), layout.log("kafka"), layout.kafka());
    }

    /** Ready when the broker answers a metadata request, not merely when its port is open. */
    public boolean ready(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
