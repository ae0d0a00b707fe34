package bakery.web.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A node is ready once its status feed has joined: before that its live pages would miss events.
 * A later Kafka outage does not take it out of rotation: browsing and carts still work, and
 * checkout answers a clear 503.
 */
@Readiness
@ApplicationScoped
public class StatusFeedReadiness implements HealthCheck {

    @Inject
    StatusFeed feed;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("order status feed").status(feed.joined()).build();
    }
}
