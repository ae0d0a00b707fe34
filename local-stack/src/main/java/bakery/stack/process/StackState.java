package bakery.stack.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What runs: every server and node of the stack, in the order they were started, the release a node
 * started now runs ({@code release}; null in a state written before releases were), the nodes
 * taken out of rotation ({@code drained}: running, but nginx sends them nothing, or, for a consumer node, out of its consumer
 * groups) and the release
 * the last upgrade or rollback moved away from ({@code previousRelease}, where rollback returns; null
 * before the first).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackState(Instant startedAt, int portOffset, List<Instance> instances, String release,
        List<String> drained, String previousRelease) {

    public StackState {
        instances = List.copyOf(instances);
        drained = drained == null ? List.of() : List.copyOf(drained);
    }

    public StackState(Instant startedAt, int portOffset, List<Instance> instances) {
        this(startedAt, portOffset, instances, null, List.of(), null);
    }

    public StackState(Instant startedAt, int portOffset, List<Instance> instances, String release) {
        this(startedAt, portOffset, instances, release, List.of(), null);
    }

    /** New nodes start from {@code release} from now on; {@code rollback} would return to the one before. */
    public StackState movedTo(String next) {
        return new StackState(startedAt, portOffset, instances, next, drained, release);
    }

    /** The releases nodes run from, or rollback returns to: their copies must not be overwritten by a build. */
    public Set<String> releasesInUse() {
        return Stream.of(release, previousRelease).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    public boolean isDrained(String id) {
        return drained.contains(id);
    }

    /** The node stays recorded and running; the balancer, or its consumer groups, leave it out. */
    public StackState drain(String id) {
        List<String> all = new ArrayList<>(drained);
        if (!all.contains(id)) {
            all.add(id);
        }
        return new StackState(startedAt, portOffset, instances, release, all, previousRelease);
    }

    public StackState undrain(String id) {
        List<String> all = new ArrayList<>(drained);
        all.remove(id);
        return new StackState(startedAt, portOffset, instances, release, all, previousRelease);
    }

    public StackState with(Instance instance) {
        List<Instance> all = new ArrayList<>(instances);
        all.removeIf(i -> i.id().equals(instance.id()));
        all.add(instance);
        return new StackState(startedAt, portOffset, all, release, drained, previousRelease);
    }

    public StackState without(String id) {
        List<Instance> all = new ArrayList<>(instances);
        all.removeIf(i -> i.id().equals(id));
        return new StackState(startedAt, portOffset, all, release, drained, previousRelease).undrain(id);
    }

    public Optional<Instance> find(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The nodes of one service, lowest ordinal first. */
    public List<Instance> nodes(Service service) {
        return instances.stream()
                .filter(i -> i.isService(service))
                .sorted(Comparator.comparingInt(i -> service.ordinalOf(i.id())))
                .toList();
    }

    /** Every port the stack holds: servers' ports, and nodes' public and management ports. */
    public List<Integer> ports() {
        return instances.stream().flatMap(i -> Stream.of(i.port(), i.managementPort())).filter(p -> p > 0).toList();
    }

    /** The lowest ordinal not held by a node of the service, so ids stay small as nodes come and go. */
    public int nextOrdinal(Service service) {
        var held = nodes(service).stream().map(i -> service.ordinalOf(i.id())).toList();
        int n = 1;
        while (held.contains(n)) {
            n++;
        }
        return n;
    }
}
