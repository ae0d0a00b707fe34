package bakery.stack.process;

import java.time.Instant;

/**
 * One running process of the stack as recorded in {@code .bakery/stack.json}: a service node
 * ({@code service} is the module name) or a server ({@code kafka}, {@code postgres}, ...).
 * {@code port} is where it serves; a service node also has a {@code managementPort}, where its
 * health and metrics answer (0 for servers). {@code processStart} is the kernel's start time of
 * {@code pid}, so a reused pid is never mistaken for ours. {@code release} is the release a service
 * node was started from ({@code <home>/releases/<release>/}); null for servers.
 */
public record Instance(String service, String id, long pid, int port, int managementPort, Instant startedAt,
        Instant processStart, String release) {

    /** A node whose release is not recorded (a state written before releases were). */
    public Instance(String service, String id, long pid, int port, int managementPort, Instant startedAt,
            Instant processStart) {
        this(service, id, pid, port, managementPort, startedAt, processStart, null);
    }

    /** A server: one port, no management interface, no release. */
    public Instance(String service, String id, long pid, int port, Instant startedAt, Instant processStart) {
        this(service, id, pid, port, 0, startedAt, processStart, null);
    }

    public boolean isService(Service s) {
        return service.equals(s.module());
    }
}
