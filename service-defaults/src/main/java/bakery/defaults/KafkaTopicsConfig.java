package bakery.defaults;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Partition counts of the bakery topics; a topic's partitions bound how many consumers of one group can work at once. */
@ConfigMapping(prefix = "bakery.kafka")
public interface KafkaTopicsConfig {

    /** Partitions of a topic that has no entry in {@link #partitionsByTopic()}. */
    @WithDefault("12")
    int partitions();

    /** Per-topic partition counts, e.g. {@code bakery.kafka.partitions-by-topic."orders.commands"=4}. */
    Map<String, Integer> partitionsByTopic();

    @WithDefault("1")
    short replicationFactor();

    /** Create missing topics at start-up; off where topics are managed elsewhere (Strimzi KafkaTopic). */
    @WithDefault("true")
    boolean createTopics();

    default int partitionsOf(String topic) {
        return partitionsByTopic().getOrDefault(topic, partitions());
    }
}
