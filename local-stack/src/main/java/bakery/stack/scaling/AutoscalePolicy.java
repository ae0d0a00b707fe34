package bakery.stack.scaling;

import java.util.ArrayList;
import java.util.List;

import bakery.contracts.scaling.ScalingPolicy;
import bakery.contracts.scaling.ServicePolicy;
import bakery.contracts.scaling.WorkerScaling;
import bakery.stack.process.Service;

/**
 * How one lag-scaled service of the stack scales: its entry of the capacity policy
 * ({@code deploy/scaling.yaml}, the numbers the KEDA ScaledObjects carry too), so one machine and
 * Kubernetes behave alike. The web tier scales on CPU, which only Kubernetes measures: locally it
 * keeps its floor.
 */
public record AutoscalePolicy(Service service, ServicePolicy policy) {

    /** Every lag-scaled service the policy names, in the stack's order. */
    public static List<AutoscalePolicy> of(ScalingPolicy policy) {
        List<AutoscalePolicy> policies = new ArrayList<>();
        for (Service service : Service.values()) {
            ServicePolicy p = policy.services().get(service.module());
            if (p != null && p.signal().lagScaled()) {
                policies.add(new AutoscalePolicy(service, p));
            }
        }
        return policies;
    }

    /**
     * The lag rule while the calendar gives {@code floor}: never fewer than the floor, never more than the
     * policy's max; {@code --min}/{@code --max} from the command line replace both when given.
     */
    public WorkerScaling ruleAt(int floor, Integer minOverride, Integer maxOverride) {
        return policy.lagRule(floor).bounded(minOverride, maxOverride);
    }
}
