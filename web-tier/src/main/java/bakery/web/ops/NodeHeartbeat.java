package bakery.web.ops;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import bakery.defaults.NodeIdentity;

/**
 * This node's heartbeat for the ops console: every few seconds, without blocking, its id, version,
 * start time and the requests it has served go to Redis ({@link LiveNodes}). Requests are counted in
 * the node (a route handler ahead of every other), never in Redis per request.
 */
@ApplicationScoped
public class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);

    /** Ahead of every other route, so each request is counted once whichever handler answers it. */
    private static final int FIRST = Integer.MIN_VALUE;

    private final LiveNodes nodes;
    private final NodeIdentity identity;
    private final String version;
    private final OpsConfig config;
    private final LongAdder served = new LongAdder();
    private volatile boolean leaving;

    public NodeHeartbeat(LiveNodes nodes, NodeIdentity identity,
            @ConfigProperty(name = "quarkus.application.version") String version, OpsConfig config) {
        this.nodes = nodes;
        this.identity = identity;
        this.version = version;
        this.config = config;
    }

    void countRequests(@Observes Router router) {
        router.route().order(FIRST).handler(request -> {
            served.increment();
            request.next();
        });
    }

    public long requestsServed() {
        return served.sum();
    }

    @Scheduled(every = "${bakery.web.ops.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        if (leaving) {
            return Uni.createFrom().voidItem();
        }
        LiveNodes.Heartbeat beat = new LiveNodes.Heartbeat(identity.id(), version, identity.startedAt(), served.sum());
        return Uni.createFrom().deferred(() -> nodes.beat(beat, Instant.now(), config.heartbeatTtl()))
                .onFailure().invoke(e -> LOG.debugf("heartbeat not written: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    void leave(@Observes ShutdownEvent shutdown) {
        leaving = true;
        try {
            nodes.leave(identity.id()).await().atMost(config.heartbeatEvery());
        } catch (RuntimeException e) {
            LOG.debugf("heartbeat not removed, it expires on its own: %s", e.getMessage());
        }
    }
}
