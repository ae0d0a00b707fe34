package bakery.stack.process;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The bakery's own services, each a Quarkus app run as one JVM per instance. */
public enum Service {
    WEB_TIER("web-tier", "web"),
    ORDER_SERVICE("order-service", "order-service"),
    BAKING_WORKER("baking-worker", "baking-worker"),
    NOTIFICATION_WORKER("notification-worker", "notification-worker");

    private final String module;
    private final String nodePrefix;

    Service(String module, String nodePrefix) {
        this.module = module;
        this.nodePrefix = nodePrefix;
    }

    /** The Maven module, also the service's name in status and scale. */
    public String module() {
        return module;
    }

    public String nodeId(int ordinal) {
        return nodePrefix + "-" + ordinal;
    }

    /** The ordinal of a node id of this service, or -1 when the id is not one of ours. */
    public int ordinalOf(String nodeId) {
        String prefix = nodePrefix + "-";
        if (!nodeId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(nodeId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The consumer groups of the workers, each named after its service; they start from the earliest offset. */
    public static final Set<String> WORKER_GROUPS = Set.of(ORDER_SERVICE.module, BAKING_WORKER.module,
            NOTIFICATION_WORKER.module);

    public Path jar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Accepts the module name or the node prefix: {@code web-tier} and {@code web} are the same. */
    public static Service parse(String name) {
        for (Service s : values()) {
            if (s.module.equals(name) || s.nodePrefix.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "'; one of "
                + Arrays.stream(values()).map(Service::module).collect(Collectors.joining(", ")));
    }
}
