package bakery.defaults;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/** Tags every meter with the service and node, so one dashboard can tell the instances of a tier apart. */
public class NodeMetricTags {

    @Produces
    @Singleton
    MeterFilter nodeTags(NodeIdentity node) {
        return MeterFilter.commonTags(Tags.of("service", node.service(), "node", node.id()));
    }
}
