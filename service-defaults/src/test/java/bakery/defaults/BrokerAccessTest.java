package bakery.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerAccessTest {

    @Test
    void anAdminClientSignsInAsTheServiceDoesAndKeepsItsOwnTimeouts() {
        Map<String, Object> shared = Map.of(
                "bootstrap.servers", "bakery-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"web-tier\";",
                "ssl.truststore.type", "PEM",
                "group.id", "web-tier",
                "request.timeout.ms", "30000");

        Map<String, Object> config = BrokerAccess.adminConfig(shared,
                Map.of("request.timeout.ms", 3000, "client.id", "ops-console"));

        assertThat(config).containsEntry("bootstrap.servers", "bakery-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("request.timeout.ms", 3000).containsEntry("client.id", "ops-console")
                .as("a consumer setting an Admin client does not know").doesNotContainKey("group.id");
    }
}
