package bakery.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import bakery.contracts.Topics;
import bakery.testkit.KafkaProbe;

@QuarkusTest
@OrderServiceTest
class TopicsProvisionedIT {

    @Test
    void everyTopicAndItsDeadLetterTopicExistWithTheConfiguredPartitions() throws Exception {
        try (KafkaProbe kafka = KafkaProbe.onSharedBroker()) {
            Map<String, TopicDescription> topics = kafka.admin().describeTopics(
                    Topics.ALL.stream().flatMap(t -> java.util.stream.Stream.of(t, Topics.deadLetter(t))).toList())
                    .allTopicNames().get();
            assertThat(topics).hasSize(Topics.ALL.size() * 2);
            assertThat(topics.get(Topics.ORDERS_PLACED).partitions()).hasSize(12);
        }
    }
}
