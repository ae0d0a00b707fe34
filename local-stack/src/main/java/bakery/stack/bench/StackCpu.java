package bakery.stack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import bakery.load.report.CpuCost;
import bakery.servers.process.Pids;
import bakery.stack.process.Instance;

/**
 * CPU time the bakery's own processes have used, from the kernel's accounting: every node and server
 * of the stack with the processes it started (PostgreSQL's backends, nginx's workers), summed per
 * service ("web-tier" is every web node). Monitoring is left out: it is not part of serving an order.
 */
public final class StackCpu {

    static final Set<String> NOT_COUNTED = Set.of("prometheus", "grafana");

    /** CPU ms used so far per service, at one moment. */
    public record Reading(Instant at, Map<String, Long> millisByService) {
    }

    private StackCpu() {
    }

    public static Reading read(List<Instance> instances) {
        Map<String, Long> millis = new TreeMap<>();
        for (Instance i : instances) {
            if (!NOT_COUNTED.contains(i.service())) {
                millis.merge(i.service(), treeMillis(i.pid()), Long::sum);
            }
        }
        return new Reading(Instant.now(), millis);
    }

    /** What each service used between two readings (a service that lost a node between them counts from 0). */
    public static CpuCost.Window between(Reading from, Reading to) {
        Map<String, Long> used = new TreeMap<>();
        to.millisByService().forEach((service, ms) -> used.put(service,
                Math.max(0, ms - from.millisByService().getOrDefault(service, 0L))));
        return new CpuCost.Window(Duration.between(from.at(), to.at()).toMillis() / 1000.0, used);
    }

    /** The process and its descendants now; children that ended count through their parent's waited-for time. */
    static long treeMillis(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> Pids.cpuMillis(pid).orElse(0)
                        + h.descendants().mapToLong(d -> Pids.cpuMillis(d.pid()).orElse(0)).sum())
                .orElse(0L);
    }
}
