package bakery.testkit;

import java.nio.file.Path;

/**
 * The test JVM's Kafka broker ({@link bakery.servers.kafka.KafkaBroker}, KRaft, in this JVM): one per
 * test JVM, started on first use and stopped when the JVM exits; or one of a test's own.
 */
public final class KafkaBroker extends bakery.servers.kafka.KafkaBroker {

    private static KafkaBroker shared;

    public KafkaBroker(int port, Path dataDir, int defaultPartitions) {
        super(port, FreePort.next(), dataDir, defaultPartitions);
    }

    /** One broker per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            Path dir = PerJvm.scratchDir("kafka");
            shared = PerJvm.started(new KafkaBroker(FreePort.next(), dir, 4), dir);
        }
        return shared;
    }
}
