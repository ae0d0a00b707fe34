package bakery.testkit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The node an in-JVM test runs, as its configuration names it: the id it reports ({@code bakery.node-id}) and its build's
 * version ({@code quarkus.application.version}), which its heartbeat also gives as its release when no launcher names one.
 */
public record ThisNode(String id, String version) {

    /** Read from the running test's configuration. */
    public static ThisNode ofConfig() {
        Config config = ConfigProvider.getConfig();
        return new ThisNode(config.getValue("bakery.node-id", String.class),
                config.getValue("quarkus.application.version", String.class));
    }
}
