package bakery.servers.kafka;

import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

import bakery.servers.RestartableServer;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller) running inside this
 * JVM. It can be stopped and started again on the same port and data, as a crashed broker would be.
 */
public class KafkaBroker extends RestartableServer<KafkaRaftServer> {

    private final BrokerConfig config;

    public KafkaBroker(int port, int controllerPort, Path dataDir, int defaultPartitions) {
        this.config = new BrokerConfig(port, controllerPort, dataDir, defaultPartitions);
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public int port() {
        return config.port();
    }

    @Override
    protected KafkaRaftServer launch() {
        Properties props = properties();
        config.prepare(props, config.dataDir().resolve("server.properties"), "FADU Bakery test broker");
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    @Override
    protected void halt(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private Properties properties() {
        Properties p = config.properties();
        // A broker in a test JVM: its offsets topic is made at the first group, and 50 partitions take long.
        p.put("offsets.topic.num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        return p;
    }
}
