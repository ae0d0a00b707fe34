package bakery.defaults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The out-of-rotation controls of a consumer node, on the management interface only (never the
 * public port, docs/security.md): {@code GET /rotation} tells whether the node is drained,
 * {@code POST /rotation/drain} takes it out ({@link ConsumerRotation#drain}) and answers once its work
 * in hand is done, {@code POST /rotation/undrain} puts it back. {@code ./bakery drain} and
 * {@code ./bakery undrain} call them.
 */
@ApplicationScoped
public class RotationRoutes {

    private static final Logger LOG = Logger.getLogger(RotationRoutes.class);
    public static final String PATH = "/rotation";

    @Inject
    ConsumerRotation rotation;

    void install(@Observes ManagementInterface management) {
        if (!rotation.enabled()) {
            return;
        }
        management.router().get(PATH).handler(context -> answer(context, Uni.createFrom().item(rotation::state)));
        management.router().post(PATH + "/drain")
                .handler(context -> answer(context, Uni.createFrom().deferred(rotation::drain)));
        management.router().post(PATH + "/undrain")
                .handler(context -> answer(context, Uni.createFrom().deferred(rotation::undrain)));
    }

    private static void answer(RoutingContext context, Uni<ConsumerRotation.State> state) {
        state.subscribe().with(
                now -> context.response().putHeader("Content-Type", "application/json").end(JsonObject.mapFrom(now).encode()),
                failure -> {
                    LOG.errorf(failure, "%s %s failed", context.request().method(), context.normalizedPath());
                    RouteErrors.send(context.response(),
                            ErrorBody.of(503, "the node could not change its place in rotation: " + failure.getMessage()));
                });
    }
}
