package bakery.servers.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

import bakery.servers.process.NodeLauncher;

/**
 * One Kafka node in KRaft mode that is broker and controller at once, on the loopback: its settings
 * and its storage, formatted once so topics and offsets survive a restart. The tests run it inside
 * their JVM ({@link KafkaBroker}), the local stack as its own process ({@code kafka.Kafka}).
 */
public record BrokerConfig(int port, int controllerPort, Path dataDir, int defaultPartitions) {

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", Integer.toString(defaultPartitions));
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Members join and leave all the time here (tests, scaling by hand); the default waits 3 s for more.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** The command that runs this broker as its own JVM ({@code kafka.Kafka}) from Kafka's jars on {@code classpath}. */
    public List<String> processCommand(List<String> javaOptions, String classpath, Path configFile) {
        List<String> command = new ArrayList<>();
        command.add(NodeLauncher.java());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", configFile.toString()));
        return command;
    }

    /**
     * Writes {@code settings} to {@code configFile} (ports may differ from last time) and formats the
     * storage unless it is formatted already.
     */
    public void prepare(Properties settings, Path configFile, String comment) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(configFile.getParent());
            try (OutputStream out = Files.newOutputStream(configFile)) {
                settings.store(out, comment);
            }
            if (Files.exists(dataDir.resolve("meta.properties"))) {
                return;
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
                    "--ignore-formatted"
            }, new PrintStream(log, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + log.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
