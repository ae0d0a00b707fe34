package bakery.servers.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one way the bakery's tools (tests, the local stack) open a Kafka Admin client on the local,
 * plaintext broker. The services open theirs through service-defaults, which knows TLS and users.
 */
public final class KafkaAdmin {

    private KafkaAdmin() {
    }

    /** An Admin client with Kafka's own timeouts. */
    public static Admin create(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** An Admin client whose every request gives up after {@code timeout}. */
    public static Admin create(String bootstrapServers, Duration timeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
    }
}
