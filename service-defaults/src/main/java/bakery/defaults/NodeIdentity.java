package bakery.defaults;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which node this is: named in logs, headers, events and the ops console. Nodes come and go; the id says which one did what.
 */
@ApplicationScoped
public class NodeIdentity {

    private final String id;
    private final String service;
    private final Instant startedAt = Instant.now();

    public NodeIdentity(@ConfigProperty(name = "bakery.node-id") String id,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.id = id;
        this.service = service;
    }

    public String id() {
        return id;
    }

    public String service() {
        return service;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
