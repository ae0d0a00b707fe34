package bakery.stack.process;

import java.util.Collection;
import java.util.function.IntPredicate;

/**
 * Picks a port for a new node: the lowest one from the service's base port up that no node of the
 * stack holds and nothing else on the machine listens on. Ranges may run into each other (the 11th
 * baking worker meets the notification workers at 8110); the rule simply skips taken ports.
 */
public final class PortPlan {

    /** Ports past the base we try before giving up: more than any partition count allows nodes. */
    static final int SEARCH_SPAN = 200;

    private PortPlan() {
    }

    public static int next(int base, Collection<Integer> heldByStack, IntPredicate freeOnMachine) {
        for (int port = base; port < base + SEARCH_SPAN; port++) {
            if (!heldByStack.contains(port) && freeOnMachine.test(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + base + ".." + (base + SEARCH_SPAN - 1));
    }
}
