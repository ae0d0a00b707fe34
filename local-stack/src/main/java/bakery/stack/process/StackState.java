package bakery.stack.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What runs: every server and node of the stack, in the order they were started. */
public record StackState(Instant startedAt, int portOffset, List<Instance> instances) {

    public StackState {
        instances = List.copyOf(instances);
    }

    public StackState with(Instance instance) {
        List<Instance> all = new ArrayList<>(instances);
        all.removeIf(i -> i.id().equals(instance.id()));
        all.add(instance);
        return new StackState(startedAt, portOffset, all);
    }

    public StackState without(String id) {
        List<Instance> all = new ArrayList<>(instances);
        all.removeIf(i -> i.id().equals(id));
        return new StackState(startedAt, portOffset, all);
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
