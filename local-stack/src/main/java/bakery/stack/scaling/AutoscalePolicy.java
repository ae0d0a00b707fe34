package bakery.stack.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.contracts.scaling.WorkerScaling;
import bakery.stack.process.Service;

/**
 * How one consumer service of the stack scales: the shared rule ({@link WorkerScaling}, the numbers
 * the KEDA ScaledObjects carry too), so one machine and Kubernetes behave alike.
 */
public record AutoscalePolicy(Service service, WorkerScaling scaling) {

    /** Every service the shipped rules name, with {@code --min}/{@code --max} overrides when given. */
    public static List<AutoscalePolicy> shipped(Integer minOverride, Integer maxOverride) {
        return of(WorkerScaling.shipped(), minOverride, maxOverride);
    }

    static List<AutoscalePolicy> of(Map<String, WorkerScaling> rules, Integer minOverride, Integer maxOverride) {
        List<AutoscalePolicy> policies = new ArrayList<>();
        for (Service service : Service.values()) {
            WorkerScaling rule = rules.get(service.module());
            if (rule != null) {
                policies.add(new AutoscalePolicy(service, rule.bounded(minOverride, maxOverride)));
            }
        }
        return policies;
    }
}
