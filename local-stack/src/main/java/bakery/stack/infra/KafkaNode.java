package bakery.stack.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.servers.kafka.BrokerConfig;
import bakery.servers.process.SimpleLogging;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;
import bakery.stack.process.StackSettings;

/**
 * The stack's Kafka broker: KRaft, broker and controller in one JVM ({@code kafka.Kafka}) run from
 * the jars in local-stack's lib folder, data under {@code .bakery/kafka/data}. Storage is formatted
 * once; later starts reuse it, so topics and offsets survive {@code down} and {@code up}.
 */
public record KafkaNode(StackLayout layout, StackSettings settings) {

    public int port() {
        return settings.port("kafka");
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    BrokerConfig broker() {
        return new BrokerConfig(port(), settings.port("kafka-controller"), layout.kafka().resolve("data"),
                settings.number("kafka.partitions"));
    }

    Path config() {
        return layout.kafka().resolve("server.properties");
    }

    /** Writes the broker's config (ports may differ from last time) and formats storage on first use. */
    public void prepare() {
        BrokerConfig broker = broker();
        broker.prepare(broker.properties(), config(), "FADU Bakery local broker, written by ./bakery up");
    }

    public Process launch() {
        List<String> options = new ArrayList<>(settings.words("kafka.java-options"));
        options.addAll(SimpleLogging.jvmOptions());
        return StackProcesses.launch(broker().processCommand(options, layout.stackLib() + "/*", config()), Map.of(),
                layout.log("kafka"), layout.kafka());
    }
}
