package bakery.web.ops;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;

import bakery.contracts.scaling.WorkerScaling;
import bakery.defaults.NodeIdentity;

/**
 * The ops console's snapshot: live nodes from Redis, topics, groups, dead letters and the scaling
 * recommendation from Kafka. One snapshot is shared by every viewer for {@code snapshot-max-age},
 * so ten open consoles cost the broker what one does. Kafka being down empties only its part.
 */
@ApplicationScoped
public class OpsConsole {

    private static final Logger LOG = Logger.getLogger(OpsConsole.class);

    private final Uni<OpsSnapshot> shared;

    public OpsConsole(LiveNodes nodes, KafkaSurvey survey, NodeIdentity identity, OpsConfig config) {
        Collection<WorkerScaling> rules = WorkerScaling.shipped().values();
        Uni<OpsSnapshot.Kafka> kafka = Uni.createFrom().item(() -> survey.survey().view(rules))
                // The Admin calls block: a worker thread waits for them, never the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Kafka survey failed: %s", e.getMessage());
                    return OpsSnapshot.Kafka.unreachable(e.getMessage());
                });
        this.shared = Uni.createFrom().deferred(() -> {
            Instant now = Instant.now();
            Uni<List<OpsSnapshot.Node>> alive = nodes.alive(now)
                    .onFailure().recoverWithItem(e -> List.of());
            return Uni.combine().all().unis(alive, kafka).asTuple()
                    .map(both -> new OpsSnapshot(now, identity.id(), both.getItem1(), both.getItem2()));
        })
                .memoize().atLeast(config.snapshotMaxAge());
    }

    public Uni<OpsSnapshot> snapshot() {
        return shared;
    }
}
