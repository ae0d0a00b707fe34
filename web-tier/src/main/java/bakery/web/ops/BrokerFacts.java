package bakery.web.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;

import bakery.contracts.Topics;
import bakery.contracts.scaling.GroupLag;
import bakery.contracts.scaling.WorkerScaling;

/**
 * What the broker said in one survey, before any arithmetic: partition counts, start and end offsets,
 * and each consumer group's members and committed offsets. {@link #view} turns it into what ops see.
 * <p>
 * Lag is counted as everywhere else ({@link GroupLag}): a group that commits nothing at all (a web
 * node's live feed) shows members but no lag, unless it is a worker's group, whose backlog counts
 * before its first commit too.
 */
record BrokerFacts(Map<String, Integer> partitions, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
        List<GroupFacts> groups) {

    record GroupFacts(String groupId, String state, List<OpsSnapshot.Member> members, Set<TopicPartition> assigned,
            Map<TopicPartition, Long> committed) {
    }

    OpsSnapshot.Kafka view(Collection<WorkerScaling> rules) {
        Set<String> workerGroups = new TreeSet<>();
        rules.forEach(rule -> workerGroups.add(rule.consumerGroup()));
        List<OpsSnapshot.Topic> topics = new ArrayList<>();
        List<OpsSnapshot.DeadLetters> deadLetters = new ArrayList<>();
        new TreeSet<>(partitions.keySet()).forEach(topic -> {
            List<Long> ends = partitionsOf(topic).stream().map(this::endOf).toList();
            long records = records(topic);
            topics.add(
                    new OpsSnapshot.Topic(topic, ends.size(), ends, ends.stream().mapToLong(Long::longValue).sum(), records));
            if (topic.endsWith(Topics.DLQ_SUFFIX)) {
                deadLetters.add(new OpsSnapshot.DeadLetters(topic, records));
            }
        });
        List<OpsSnapshot.Group> groupViews = groups.stream()
                .sorted(Comparator.comparing(GroupFacts::groupId))
                .map(g -> group(g, workerGroups.contains(g.groupId())))
                .toList();
        List<OpsSnapshot.Worker> workers = rules.stream().map(this::worker).toList();
        return new OpsSnapshot.Kafka(true, null, topics, groupViews, deadLetters, workers);
    }

    private OpsSnapshot.Group group(GroupFacts g, boolean workerGroup) {
        GroupLag lag = lagOf(g);
        boolean tracked = workerGroup || lag.commitsAnything();
        Set<String> read = new TreeSet<>();
        g.committed().keySet().forEach(tp -> read.add(tp.topic()));
        g.assigned().forEach(tp -> read.add(tp.topic()));
        List<OpsSnapshot.PartitionLag> lags = new ArrayList<>();
        for (String topic : read) {
            for (TopicPartition tp : partitionsOf(topic)) {
                Long committed = g.committed().get(tp);
                lags.add(new OpsSnapshot.PartitionLag(topic, tp.partition(), committed, endOf(tp),
                        tracked ? lag.of(tp) : null));
            }
        }
        Long total = tracked ? lags.stream().mapToLong(OpsSnapshot.PartitionLag::lag).sum() : null;
        return new OpsSnapshot.Group(g.groupId(), g.state(), g.members(), lags, total);
    }

    private OpsSnapshot.Worker worker(WorkerScaling rule) {
        GroupFacts g = groups.stream().filter(f -> f.groupId().equals(rule.consumerGroup())).findFirst()
                .orElse(new GroupFacts(rule.consumerGroup(), "EMPTY", List.of(), Set.of(), Map.of()));
        GroupLag offsets = lagOf(g);
        long lag = 0;
        int widest = 0;
        for (String topic : rule.topics()) {
            List<TopicPartition> tps = partitionsOf(topic);
            widest = Math.max(widest, tps.size());
            lag += offsets.of(tps);
        }
        return new OpsSnapshot.Worker(rule.worker(), rule.consumerGroup(), g.members().size(), lag, widest,
                rule.lagThreshold(), rule.min(), rule.max(), rule.recommended(lag, widest));
    }

    private GroupLag lagOf(GroupFacts g) {
        return new GroupLag(start, end, g.committed());
    }

    private long records(String topic) {
        return partitionsOf(topic).stream().mapToLong(tp -> Math.max(0, endOf(tp) - start.getOrDefault(tp, 0L))).sum();
    }

    private long endOf(TopicPartition tp) {
        return end.getOrDefault(tp, 0L);
    }

    private List<TopicPartition> partitionsOf(String topic) {
        return IntStream.range(0, partitions.getOrDefault(topic, 0)).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }
}
