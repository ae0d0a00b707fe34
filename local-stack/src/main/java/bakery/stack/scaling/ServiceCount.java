package bakery.stack.scaling;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import bakery.stack.process.Service;

/**
 * One service's desired and running node counts. The desired count is what the stack's state lists
 * (what {@code up}, {@code scale} or the autoscaler last set); a node that died stays listed until it is
 * replaced, so desired above running means a node to replace.
 */
public record ServiceCount(String service, int desired, int running) {

    public boolean missingNodes() {
        return running < desired;
    }

    /** Per service of the bakery (servers left out), from the nodes with how to name and test each. */
    public static <T> List<ServiceCount> of(List<T> nodes, Function<T, String> serviceOf, Predicate<T> running) {
        return Arrays.stream(Service.values()).map(Service::module).map(module -> {
            List<T> listed = nodes.stream().filter(n -> serviceOf.apply(n).equals(module)).toList();
            return new ServiceCount(module, listed.size(), (int) listed.stream().filter(running).count());
        }).toList();
    }
}
