package bakery.web.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.quarkus.qute.TemplateData;

/** What the ops console shows at one moment: the page, its live updates and {@code GET /api/ops/snapshot} carry the same. */
@TemplateData
public record OpsSnapshot(Instant at, String servedBy, List<Node> nodes, Kafka kafka, List<String> releases,
        boolean mixedReleases) {

    public OpsSnapshot(Instant at, String servedBy, List<Node> nodes, Kafka kafka) {
        this(at, servedBy, nodes, kafka, releasesOf(nodes), releasesOf(nodes).size() > 1);
    }

    /** Every release the live nodes run: more than one while a rollout is under way, or one left half done. */
    static List<String> releasesOf(List<Node> nodes) {
        return nodes.stream().map(Node::release).filter(Objects::nonNull).distinct().sorted().toList();
    }

    /**
     * One node as its last heartbeat described it: its service, build and release, and whether the console can take
     * it out of rotation ({@code drainable}: a worker; a web node leaves rotation at the balancer) and has.
     */
    @TemplateData
    public record Node(String id, String service, String version, String release, Instant startedAt, Instant lastSeen,
            long uptimeSeconds, long requestsServed, boolean drainable, boolean drained) {

        public String uptime() {
            Duration up = Duration.ofSeconds(uptimeSeconds);
            return up.toHours() > 0 ? String.format("%d h %02d min", up.toHours(), up.toMinutesPart())
                    : String.format("%d min %02d s", up.toMinutes(), up.toSecondsPart());
        }
    }

    /** The broker's side; {@code error} says why it is empty when Kafka did not answer. */
    @TemplateData
    public record Kafka(boolean reachable, String error, List<Topic> topics, List<Group> groups,
            List<DeadLetters> deadLetters, List<Worker> workers) {

        public static Kafka unreachable(String error) {
            return new Kafka(false, error, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** A topic: its partitions' end offsets and the records it holds now (end minus start, summed). */
    @TemplateData
    public record Topic(String name, int partitions, List<Long> endOffsets, long endOffsetTotal, long records) {
    }

    /**
     * A consumer group: its members, and per partition of every topic it reads the committed offset
     * and the lag. {@code totalLag} is null for a group that commits nothing (a web node's live feed):
     * it has no lag to speak of.
     */
    @TemplateData
    public record Group(String groupId, String state, List<Member> members, List<PartitionLag> partitions, Long totalLag) {
    }

    @TemplateData
    public record Member(String clientId, String host, List<String> assignment) {
    }

    /** {@code committed} is null where the group never committed: its lag then counts from the earliest offset. */
    @TemplateData
    public record PartitionLag(String topic, int partition, Long committed, long endOffset, Long lag) {
    }

    /** Poison records waiting on a dead-letter topic. */
    @TemplateData
    public record DeadLetters(String topic, long records) {
    }

    /** A worker type: its group's lag on the topics it reads and the instance count the shared scaling rule recommends. */
    @TemplateData
    public record Worker(String worker, String consumerGroup, int members, long lag, int partitions,
            long lagThreshold, int min, int max, int recommended) {
    }
}
