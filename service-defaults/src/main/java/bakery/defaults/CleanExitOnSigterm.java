package bakery.defaults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM is how an orchestrator asks a node to leave on scale-in. The JVM then runs the same
 * shutdown hooks as {@code System.exit} (Quarkus drains, the Kafka consumers commit and leave their
 * groups) but reports 143, which supervisors count as a failure. With
 * {@code bakery.shutdown.clean-exit-on-sigterm=true} a service answers SIGTERM with
 * {@code System.exit(0)} instead: the same graceful stop, reported as the clean exit it is.
 */
@ApplicationScoped
public class CleanExitOnSigterm {

    private static final Logger LOG = Logger.getLogger(CleanExitOnSigterm.class);

    private final boolean enabled;

    public CleanExitOnSigterm(
            @ConfigProperty(name = "bakery.shutdown.clean-exit-on-sigterm", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: draining and leaving");
                // exit from a thread of its own: the signal thread must not wait for the shutdown hooks
                new Thread(() -> System.exit(0), "sigterm-exit").start();
            });
        } catch (IllegalArgumentException unsupported) {
            LOG.warnf("cannot handle SIGTERM here (%s); it will exit with 143", unsupported.getMessage());
        }
    }
}
