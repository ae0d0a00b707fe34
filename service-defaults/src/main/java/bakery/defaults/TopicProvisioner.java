package bakery.defaults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bakery.contracts.Topics;

/**
 * Creates the bakery topics and their dead-letter topics with the configured partition counts
 * when they are missing, so the first consumer never races an auto-created one-partition topic.
 * Every service does it; whoever comes first wins and the others find the topics there.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaTopicsConfig config;
    private final BrokerAccess broker;
    private final String bootstrapServers;

    public TopicProvisioner(KafkaTopicsConfig config, BrokerAccess broker,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.createTopics()) {
            provision();
        }
    }

    public void provision() {
        try (Admin admin = broker.admin(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (String name : List.of(topic, Topics.deadLetter(topic))) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, config.partitionsOf(name), config.replicationFactor()));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> awaitCreated(name, future));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not fatal: readiness reports Kafka down, and the consumers wait for the topics to appear.
            LOG.warnf("could not provision topics on %s: %s", bootstrapServers, e.getMessage());
        }
    }

    private static void awaitCreated(String name, org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(15, TimeUnit.SECONDS);
            LOG.infof("created topic %s", name);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("could not create topic %s: %s", name, e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warnf("creating topic %s timed out", name);
        }
    }
}
