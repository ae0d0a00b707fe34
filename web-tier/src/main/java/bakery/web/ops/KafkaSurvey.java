package bakery.web.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import bakery.defaults.BrokerAccess;

/**
 * Asks the broker, through the Kafka Admin client, for every topic's partitions and offsets and every
 * consumer group's members and committed offsets. Blocking, each call bounded by the Kafka timeout:
 * callers run it on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class KafkaSurvey {

    @Inject
    BrokerAccess broker;
    @Inject
    OpsConfig config;
    private Admin admin;

    BrokerFacts survey() {
        Admin kafka = admin();
        Set<String> names = get(kafka.listTopics().names());
        Map<String, Integer> partitions = new HashMap<>();
        List<TopicPartition> all = new ArrayList<>();
        if (!names.isEmpty()) {
            for (TopicDescription topic : get(kafka.describeTopics(names).allTopicNames()).values()) {
                partitions.put(topic.name(), topic.partitions().size());
                topic.partitions().forEach(p -> all.add(new TopicPartition(topic.name(), p.partition())));
            }
        }
        Map<TopicPartition, Long> start = offsets(kafka, all, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(kafka, all, OffsetSpec.latest());
        return new BrokerFacts(partitions, start, end, groups(kafka));
    }

    private List<BrokerFacts.GroupFacts> groups(Admin kafka) {
        Collection<GroupListing> listed = get(kafka.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        List<String> ids = listed.stream().map(GroupListing::groupId).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> described = get(kafka.describeConsumerGroups(ids).all());
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(kafka.listConsumerGroupOffsets(specs).all());
        List<BrokerFacts.GroupFacts> groups = new ArrayList<>();
        for (String id : ids) {
            ConsumerGroupDescription group = described.get(id);
            List<OpsSnapshot.Member> members = new ArrayList<>();
            Set<TopicPartition> assigned = new HashSet<>();
            if (group != null) {
                for (MemberDescription m : group.members()) {
                    Set<TopicPartition> own = m.assignment().topicPartitions();
                    assigned.addAll(own);
                    members.add(new OpsSnapshot.Member(m.clientId(), m.host(),
                            own.stream().map(TopicPartition::toString).sorted().toList()));
                }
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.getOrDefault(id, Map.of()).forEach((tp, offset) -> {
                if (offset != null) {
                    offsets.put(tp, offset.offset());
                }
            });
            groups.add(new BrokerFacts.GroupFacts(id, group == null ? "UNKNOWN" : String.valueOf(group.groupState()),
                    members, assigned, offsets));
        }
        return groups;
    }

    private Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (partitions.isEmpty()) {
            return result;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        get(kafka.listOffsets(request).all()).forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            int timeout = (int) config.kafkaTimeout().toMillis();
            // On prod's Kafka the web tier's user may Describe every bakery topic and worker group, nothing more.
            admin = broker.admin(Map.of(
                    AdminClientConfig.CLIENT_ID_CONFIG, "ops-console",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
        }
        return admin;
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not answer: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + config.kafkaTimeout().toMillis() + " ms", e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(config.kafkaTimeout());
        }
    }
}
