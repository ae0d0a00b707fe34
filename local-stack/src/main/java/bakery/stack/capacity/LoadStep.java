package bakery.stack.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of the stepped load, as measured: the rate asked for and the orders the customers got
 * accepted in its time, how long their checkouts took, how many of their requests failed, how long their orders waited beyond
 * their own
 * oven time, and how much each consumer group's lag rose. {@code held} says per service whether its
 * service level held in this step, {@code reasons} why not.
 */
public record LoadStep(double askedPerSecond, double seconds, int orders, double ordersPerSecond, long checkoutP99Millis,
        long failedRequests, long beyondOvenP99Millis, int notReady, Map<String, Long> lagRise, Map<String, Boolean> held,
        Map<String, String> reasons) {

    /** The figures of a step before they are judged. */
    public record Measured(double askedPerSecond, double seconds, int orders, long checkoutP99Millis, long failedRequests,
            long beyondOvenP99Millis, int notReady, Map<String, Long> lagRise) {
    }

    /** Judges one step's figures against the service levels, per service. */
    public static LoadStep judge(Measured m, ServiceLevels levels) {
        Map<String, Boolean> held = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        String web = null;
        if (m.orders() == 0) {
            web = "no checkout was accepted";
        } else if (m.failedRequests() > 0) {
            web = m.failedRequests() + " requests failed or got no answer";
        } else if (m.checkoutP99Millis() > levels.checkoutP99().toMillis()) {
            web = "checkout p99 " + m.checkoutP99Millis() + " ms > " + levels.checkoutP99().toMillis() + " ms";
        }
        put(held, reasons, Tier.WEB, web);
        put(held, reasons, Tier.ORDERS, lag(m, Tier.ORDERS, levels));
        String ovens = lag(m, Tier.BAKERS, levels);
        if (ovens == null && m.notReady() > 0) {
            ovens = m.notReady() + " orders not ready";
        } else if (ovens == null && m.beyondOvenP99Millis() > levels.beyondOven().toMillis()) {
            ovens = "placed -> ready p99 " + m.beyondOvenP99Millis() + " ms beyond the oven time > "
                    + levels.beyondOven().toMillis() + " ms";
        }
        put(held, reasons, Tier.BAKERS, ovens);
        put(held, reasons, Tier.NOTIFIERS, lag(m, Tier.NOTIFIERS, levels));
        return new LoadStep(m.askedPerSecond(), m.seconds(), m.orders(), m.seconds() > 0 ? m.orders() / m.seconds() : 0,
                m.checkoutP99Millis(), m.failedRequests(), m.beyondOvenP99Millis(), m.notReady(), Map.copyOf(m.lagRise()),
                held, reasons);
    }

    private static String lag(Measured m, String group, ServiceLevels levels) {
        long rise = m.lagRise().getOrDefault(group, 0L);
        return rise > levels.lagTolerance() ? group + " lag grew by " + rise + " records" : null;
    }

    private static void put(Map<String, Boolean> held, Map<String, String> reasons, String service, String broken) {
        held.put(service, broken == null);
        if (broken != null) {
            reasons.put(service, broken);
        }
    }
}
