package bakery.stack.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import bakery.servers.kafka.ConsumerLag;

/**
 * One worker group's queue: the records it has not worked off yet (its lag, over every topic it
 * commits on), how many it worked off per second between two readings of its committed offsets, and
 * how long the rest takes at that pace. After a crash or a scale-in this is the survivors' work.
 */
public record GroupBacklog(String group, long backlog, double perSecond, Duration timeToDrain) {

    /** True when records wait and none was worked off in the window ({@code timeToDrain} is then null). */
    public boolean stuck() {
        return backlog > 0 && timeToDrain == null;
    }

    /**
     * Each of {@code groups} from two readings {@code window} apart: the backlog of the later one, the
     * pace from how far its committed offsets moved in between.
     */
    public static List<GroupBacklog> of(Collection<String> groups, List<ConsumerLag.TopicLag> before,
            List<ConsumerLag.TopicLag> after, Duration window) {
        Map<String, ConsumerLag.TopicLag> earlier = before.stream()
                .collect(Collectors.toMap(l -> l.group() + "/" + l.topic(), Function.identity(), (a, b) -> a));
        double seconds = window.toMillis() / 1000.0;
        List<GroupBacklog> result = new ArrayList<>();
        for (String group : groups.stream().sorted().toList()) {
            long backlog = 0;
            long worked = 0;
            for (ConsumerLag.TopicLag l : after) {
                if (!l.group().equals(group)) {
                    continue;
                }
                backlog += l.lag();
                ConsumerLag.TopicLag was = earlier.get(group + "/" + l.topic());
                if (was != null) {
                    worked += Math.max(0, l.position() - was.position());
                }
            }
            double perSecond = seconds > 0 ? worked / seconds : 0;
            Duration drain = backlog == 0 ? Duration.ZERO
                    : perSecond > 0 ? Duration.ofMillis(Math.round(backlog / perSecond * 1000)) : null;
            result.add(new GroupBacklog(group, backlog, perSecond, drain));
        }
        return result;
    }
}
