package bakery.stack.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

import bakery.servers.kafka.KafkaAdmin;
import bakery.servers.process.Pids;
import bakery.stack.orchestration.StackException;

/**
 * A new consumer node has joined its group when the broker says so: the group is stable again and
 * a member that was not there before the node started owns partitions. Only then may an old node
 * leave, so the group never has fewer members doing work than before. Each question to Kafka may
 * take {@code ask}; the wait for a join gives up after {@code timeout}.
 */
public record GroupJoin(String bootstrapServers, Duration ask, Duration timeout, Duration poll) {

    /** The group's member ids now, each with how many partitions it owns, and whether the group is stable. */
    public record Members(boolean stable, Map<String, Integer> partitionsByMember) {

        /** A member not among {@code before} owns partitions, in a group that finished rebalancing. */
        public boolean joinedSince(Set<String> before) {
            return stable && partitionsByMember.entrySet().stream()
                    .anyMatch(m -> !before.contains(m.getKey()) && m.getValue() > 0);
        }
    }

    public Members members(String group) {
        try (Admin admin = KafkaAdmin.create(bootstrapServers, ask)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(ask.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Integer> owned = new HashMap<>();
            for (MemberDescription m : description.members()) {
                owned.put(m.consumerId(), m.assignment().topicPartitions().size());
            }
            return new Members(description.groupState() == GroupState.STABLE, owned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while asking Kafka about the group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("Kafka did not describe the group " + group + ": " + e.getMessage(), e);
        }
    }

    /** Waits until a member new since {@code before} owns partitions of {@code group}; false when it never did in time. */
    public boolean awaitJoined(String group, Set<String> before) {
        Instant giveUp = Instant.now().plus(timeout);
        while (Instant.now().isBefore(giveUp)) {
            if (members(group).joinedSince(before)) {
                return true;
            }
            Pids.pause(poll);
        }
        return false;
    }
}
