package bakery.stack.process;

import java.time.Instant;

/**
 * One running process of the stack as recorded in {@code .bakery/stack.json}: a service node
 * ({@code service} is the module name) or a server ({@code kafka}, {@code postgres}, ...).
 * {@code processStart} is the kernel's start time of {@code pid}, so a reused pid is never mistaken
 * for ours.
 */
public record Instance(String service, String id, long pid, int port, Instant startedAt, Instant processStart) {

    public boolean isService(Service s) {
        return service.equals(s.module());
    }
}
