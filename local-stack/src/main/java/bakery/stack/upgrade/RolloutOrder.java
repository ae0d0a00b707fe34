package bakery.stack.upgrade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;

/**
 * Which node is replaced when: an upgrade goes workers first, then order-service, then the web
 * tier (a newer node's events reach only readers that already run the newer release's code or
 * tolerate it), one node at a time, lowest ordinal first; a rollback goes the same way back. Nodes
 * taken out of rotation for diagnosis are left as they are.
 */
public final class RolloutOrder {

    /** The order of an upgrade, after the schema migration. */
    public static final List<Service> FORWARD = List.of(Service.BAKING_WORKER, Service.NOTIFICATION_WORKER,
            Service.ORDER_SERVICE, Service.WEB_TIER);

    /** The order of a rollback: the web tier first, the workers last. */
    public static final List<Service> BACK = List.of(Service.WEB_TIER, Service.ORDER_SERVICE, Service.NOTIFICATION_WORKER,
            Service.BAKING_WORKER);

    private RolloutOrder() {
    }

    /** One step of a rollout: the node that a new one replaces. */
    public record Replacement(Service service, String nodeId) {
    }

    /** Every running node of the stack in the given service order, lowest ordinal first. */
    public static List<Replacement> plan(StackState state, List<Service> order) {
        List<Replacement> steps = new ArrayList<>();
        for (Service service : order) {
            for (Instance node : state.nodes(service)) {
                if (!state.isDrained(node.id())) {
                    steps.add(new Replacement(service, node.id()));
                }
            }
        }
        return List.copyOf(steps);
    }

    /** The nodes that were replaced, latest first: the order an automatic rollback undoes them. */
    public static <T> List<T> undo(List<T> done) {
        List<T> back = new ArrayList<>(done);
        Collections.reverse(back);
        return List.copyOf(back);
    }
}
