package bakery.web;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the web tier under test at {@link OrderServiceStub}. */
public class OrderServiceStubResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.order-service.url", OrderServiceStub.shared().url());
    }

    @Override
    public void stop() {
        // shared by every test in the JVM; stopped at JVM exit
    }
}
