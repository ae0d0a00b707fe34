package bakery.defaults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A node taken out of rotation is alive but not ready, so Kubernetes, the local balancer and
 * {@code ./bakery status} all see it leave; liveness stays UP and nothing restarts it.
 */
@Readiness
@ApplicationScoped
public class InRotationReadiness implements HealthCheck {

    public static final String NAME = "in rotation";

    @Inject
    ConsumerRotation rotation;

    @Override
    public HealthCheckResponse call() {
        boolean drained = rotation.drained();
        return HealthCheckResponse.named(NAME).status(!drained).withData("drained", drained).build();
    }
}
