package bakery.web.ops;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import org.jboss.logging.Logger;

import bakery.defaults.RotationRoutes;
import bakery.web.Refusal;

/**
 * Takes a worker out of rotation from the ops console, or puts it back (role ops, checked here and by path; the form
 * carries the page's CSRF token): this node calls {@code POST /rotation/drain} or {@code /rotation/undrain} on the
 * management interface the target announced in its heartbeat. The client names a node from the live list, never an
 * address. Every request, and how it ended, is a line of the audit log (category {@code bakery.audit}).
 */
@RolesAllowed("ops")
@Path("/ops/nodes/{id}")
public class OpsRotation {

    /** The ops audit log: who asked which node to do what, and what came of it. */
    static final Logger AUDIT = Logger.getLogger("bakery.audit");

    /** Longer ids than this are not node names; the refusal quotes no more of them. */
    private static final int SHOWN = 40;

    @Inject
    LiveNodes nodes;
    @Inject
    SecurityIdentity identity;
    @Inject
    OpsConfig config;
    @Inject
    Vertx vertx;

    private volatile HttpClient client;

    @POST
    @Path("/drain")
    public Uni<Response> drain(@PathParam("id") String id) {
        return change(id, "drain");
    }

    @POST
    @Path("/undrain")
    public Uni<Response> undrain(@PathParam("id") String id) {
        return change(id, "undrain");
    }

    private Uni<Response> change(String id, String action) {
        String user = identity.getPrincipal().getName();
        String shown = id.length() > SHOWN ? id.substring(0, SHOWN) + "…" : id;
        return nodes.target(id, Instant.now()).chain(found -> {
            if (found.isEmpty()) {
                AUDIT.infof("ops user %s asked to %s node %s: refused, no live node has that id", user, action, shown);
                throw Refusal.notFound("no live node is named '" + shown + "'; the console lists the nodes there are");
            }
            LiveNodes.Target node = found.get();
            if (!node.drainable()) {
                AUDIT.infof("ops user %s asked to %s node %s (%s): refused, it has no rotation control", user, action,
                        node.id(), node.service());
                throw Refusal.of(Response.Status.CONFLICT, "not possible here", null, node.id() + " (" + node.service()
                        + ") leaves rotation at the balancer, not from the console: ./bakery drain " + node.id()
                        + " on the local stack, the rotation label on Kubernetes (docs/operations.md)");
            }
            return ("drain".equals(action) ? othersInRotation(node) : Uni.createFrom().item(1L)).chain(others -> {
                if (others == 0) {
                    AUDIT.infof("ops user %s asked to drain %s (%s): refused, the last of its service in rotation", user,
                            node.id(), node.service());
                    throw Refusal.of(Response.Status.CONFLICT, "not possible here", null, node.id() + " is the last "
                            + node.service() + " in rotation: start or undrain another one first");
                }
                return send(user, node, action);
            });
        });
    }

    /** Live nodes of the target's service that would still take work: a service is never drained whole. */
    private Uni<Long> othersInRotation(LiveNodes.Target node) {
        return nodes.alive(Instant.now()).map(alive -> alive.stream()
                .filter(n -> n.service().equals(node.service()) && !n.id().equals(node.id()) && n.drainable() && !n.drained())
                .count());
    }

    private Uni<Response> send(String user, LiveNodes.Target node, String action) {
        AUDIT.infof("ops user %s asks %s (%s) at %s to %s", user, node.id(), node.service(), node.management(), action);
        return call(node, action)
                .map(status -> {
                    AUDIT.infof("ops user %s: %s of %s done (the node answered %d)", user, action, node.id(), status);
                    return Response.seeOther(URI.create("/ops")).build();
                })
                .onFailure().transform(e -> {
                    AUDIT.warnf("ops user %s: %s of %s failed: %s", user, action, node.id(), e.getMessage());
                    return Refusal.of(Response.Status.BAD_GATEWAY, "node did not answer", null,
                            node.id() + " did not " + action + ": " + e.getMessage());
                });
    }

    /** The node's own route, on the address from its heartbeat; a non-2xx answer is a failure with the node's reason. */
    private Uni<Integer> call(LiveNodes.Target node, String action) {
        int colon = node.management().lastIndexOf(':');
        String host = node.management().substring(0, colon);
        int port = Integer.parseInt(node.management().substring(colon + 1));
        return client().request(HttpMethod.POST, port, host, RotationRoutes.PATH + "/" + action)
                .chain(request -> request.send())
                .chain(response -> response.body().map(body -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("it answered " + response.statusCode() + " " + body.toString());
                    }
                    return response.statusCode();
                }))
                .ifNoItem().after(config.rotationTimeout())
                .failWith(() -> new IllegalStateException("no answer within " + config.rotationTimeout().toSeconds() + " s"));
    }

    private HttpClient client() {
        HttpClient known = client;
        if (known == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(
                            new HttpClientOptions().setConnectTimeout((int) config.rotationTimeout().toMillis()));
                }
                known = client;
            }
        }
        return known;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.closeAndForget();
        }
    }
}
