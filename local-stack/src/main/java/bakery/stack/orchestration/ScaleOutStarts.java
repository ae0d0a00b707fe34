package bakery.stack.orchestration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.load.report.BenchSummary;
import bakery.stack.bench.NodeStarts;
import bakery.stack.process.Service;

/**
 * Node start to ready as horizontal scaling meets it: one more node of each service ({@code bench.start.services}),
 * launched alone on the running stack, timed from launch until its readiness probe says UP, then drained again.
 * (The nodes of {@code ./bakery up} all start at once and share the CPU: that is a cold start of the
 * whole bakery, not the time a new node takes to help.)
 */
public final class ScaleOutStarts {

    private final LocalStack stack;

    public ScaleOutStarts(LocalStack stack) {
        this.stack = stack;
    }

    public List<BenchSummary.NodeStart> run() {
        List<BenchSummary.NodeStart> starts = new ArrayList<>();
        for (Service service : stack.settings().list("bench.start.services").stream().map(Service::parse).toList()) {
            int before = stack.requireRunning().nodes(service).size();
            try {
                Map<String, Duration> added = stack.scale(service, before + 1);
                added.forEach((node, readyAfter) -> {
                    var quarkus = NodeStarts.lastStart(stack.layout().log(node));
                    starts.add(new BenchSummary.NodeStart(node, readyAfter.toMillis() / 1000.0,
                            quarkus.isPresent() ? quarkus.getAsDouble() : null));
                });
            } finally {
                stack.scale(service, before);
            }
        }
        return starts;
    }
}
