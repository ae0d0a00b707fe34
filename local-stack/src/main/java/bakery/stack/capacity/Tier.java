package bakery.stack.capacity;

import java.util.List;

import bakery.stack.process.Service;

/** The bakery's tiers by the names the capacity files use: each service, its consumer group named after it. */
final class Tier {

    static final String WEB = Service.WEB_TIER.module();
    static final String ORDERS = Service.ORDER_SERVICE.module();
    static final String BAKERS = Service.BAKING_WORKER.module();
    static final String NOTIFIERS = Service.NOTIFICATION_WORKER.module();
    static final List<String> ALL = List.of(WEB, ORDERS, BAKERS, NOTIFIERS);

    private Tier() {
    }
}
