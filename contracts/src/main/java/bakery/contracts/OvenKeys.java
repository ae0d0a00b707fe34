package bakery.contracts;

import java.util.UUID;

/**
 * Where Redis keeps an order's place at the ovens (docs/workers.md): the lease naming the one bake
 * attempt allowed to run, its written-down BakeFinished and the baked marker. The baking workers
 * write them; the chaos verdict reads the leases from outside to find orders still in an oven.
 * The hash tag keeps an order's keys in one slot, should Redis ever run as a cluster.
 */
public final class OvenKeys {

    private OvenKeys() {
    }

    /** The lease; its value names the holder, {@code <node id>/<attempt>}. */
    public static String lease(UUID orderId) {
        return prefix(orderId) + "lease";
    }

    public static String baked(UUID orderId) {
        return prefix(orderId) + "baked";
    }

    public static String finished(UUID orderId) {
        return prefix(orderId) + "finished";
    }

    /** The node named by a lease's value: what comes before the attempt. */
    public static String holderNode(String leaseValue) {
        int slash = leaseValue.indexOf('/');
        return slash < 0 ? leaseValue : leaseValue.substring(0, slash);
    }

    private static String prefix(UUID orderId) {
        return "bakery:oven:{" + orderId + "}:";
    }
}
