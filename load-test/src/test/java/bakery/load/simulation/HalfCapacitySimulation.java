package bakery.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

import bakery.load.report.RequestNames;

/**
 * Checkout at half the capacity {@link BakeryMixSimulation} measured, as an open model: customers arrive at a constant
 * rate whether or not earlier ones were served, each adding one item and checking out as in the capacity phase. The rate
 * comes from {@code ./bakery bench}, which runs this after the capacity phase on a stack back at lag 0.
 */
public class HalfCapacitySimulation extends Simulation {

    static final double USERS_PER_SECOND = Double.parseDouble(System.getProperty("bench.halfCapacity.usersPerSecond", "10"));
    static final int SECONDS = Integer.getInteger("bench.halfCapacity.seconds", 30);

    {
        setUp(scenario("checkout at half capacity")
                .exec(BakeryMixSimulation.oneItemCheckout(RequestNames.HALF_CAPACITY_ADD, RequestNames.HALF_CAPACITY_CHECKOUT))
                .injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(SECONDS)))
                .protocols(BakeryMixSimulation.PROTOCOL);
    }
}
