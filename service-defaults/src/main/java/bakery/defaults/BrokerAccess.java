package bakery.defaults;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How this service reaches the Kafka broker, for the Admin clients it makes itself (topic provisioning,
 * the ops console): the same {@code kafka.*} settings Quarkus gives every channel, so address, TLS and
 * the service's SCRAM user are configured once (service-defaults' microprofile-config.properties).
 */
@ApplicationScoped
public class BrokerAccess {

    private final Map<String, Object> shared;

    public BrokerAccess(@Identifier("default-kafka-broker") Map<String, Object> shared) {
        this.shared = shared;
    }

    /** An Admin client with the shared settings and {@code own} on top (timeouts, client id). */
    public Admin admin(Map<String, Object> own) {
        return Admin.create(adminConfig(shared, own));
    }

    /** The shared settings an Admin client knows (consumer-only ones such as group.id would only be warned about). */
    static Map<String, Object> adminConfig(Map<String, Object> shared, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>();
        shared.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.putAll(own);
        return config;
    }
}
