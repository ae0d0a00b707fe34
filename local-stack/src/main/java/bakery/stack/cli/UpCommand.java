package bakery.stack.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.stack.monitoring.Grafana;
import bakery.stack.monitoring.Prometheus;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.upgrade.ReleaseBuild;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Starts Kafka, PostgreSQL, Redis, an SMTP sink, nginx on :8080 and the service nodes, "
        + "and Prometheus on :9090 (Grafana on :3000) when installed; waits until all are ready.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--web", description = "web-tier nodes (default ${DEFAULT-VALUE} from settings)")
    Integer web;
    @Option(names = "--orders", description = "order-service nodes")
    Integer orders;
    @Option(names = "--baking", description = "baking-worker nodes")
    Integer baking;
    @Option(names = "--notify", description = "notification-worker nodes")
    Integer notify;
    @Option(names = "--ref", paramLabel = "GIT_REF", description = "start every node on the release of this branch, tag or commit "
            + "(built apart, like ./bakery upgrade --ref) instead of the working tree's")
    String ref;
    @Option(names = "--previous", description = "start on the release before this one, the commit deploy/previous-release names "
            + "(./bakery upgrade then moves the stack to the working tree)")
    boolean previous;
    @Option(names = "--no-prometheus", description = "do not start Prometheus (nor Grafana) even when installed; also BAKERY_PROMETHEUS_ENABLED=false")
    boolean noPrometheus;
    @Option(names = "--no-grafana", description = "do not start Grafana even when installed; also BAKERY_GRAFANA_ENABLED=false")
    boolean noGrafana;

    @Override
    public Integer call() {
        LocalStack stack = BakeryCommand.stack();
        StackSettings s = stack.settings();
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        counts.put(Service.WEB_TIER, web != null ? web : s.number("count.web-tier"));
        counts.put(Service.ORDER_SERVICE, orders != null ? orders : s.number("count.order-service"));
        counts.put(Service.BAKING_WORKER, baking != null ? baking : s.number("count.baking-worker"));
        counts.put(Service.NOTIFICATION_WORKER, notify != null ? notify : s.number("count.notification-worker"));
        if (counts.values().stream().anyMatch(n -> n < 0)) {
            throw new StackException("an instance count cannot be negative");
        }
        boolean withPrometheus = !noPrometheus && Boolean.parseBoolean(s.text("prometheus.enabled"));
        boolean withGrafana = !noGrafana && Boolean.parseBoolean(s.text("grafana.enabled"));
        if (ref != null && previous) {
            throw new StackException("--ref and --previous both name the release to start on: give one of them");
        }
        String startRef = previous ? stack.releases().previousRef(s.text("release.previous")) : ref;
        stack.up(counts, new LocalStack.Monitoring(withPrometheus, withGrafana),
                startRef == null ? UnaryOperator.identity() : workingTree -> ReleaseBuild.of(stack).ref(startRef));
        StackState state = stack.stateFile().load().orElseThrow();
        int port = s.port("balancer");
        System.out.printf("""

                FADU Bakery is up (%.0f s).
                  Shop          http://localhost:%d/
                  Staff board   http://localhost:%d%s   login %s
                  Ops console   http://localhost:%d%s   login %s
                  Mail          every mail the bakery sends is a file in %s (SMTP sink on localhost:%d)
                %s
                  Nodes         ./bakery status     Logs  ./bakery logs [SERVICE]  (files in %s)
                  Scale         ./bakery scale baking-worker=3     Stop  ./bakery down
                """,
                stack.progress().elapsed().toMillis() / 1000.0,
                port, port, s.text("demo.staff-path"), s.text("demo.staff-login"),
                port, s.text("demo.ops-path"), s.text("demo.ops-login"),
                stack.layout().mail(), s.port("smtp"), monitoringLines(state, withPrometheus, withGrafana),
                stack.layout().logs());
        return 0;
    }

    /** Where the graphs are, or in one line each how to get them. */
    private static String monitoringLines(StackState state, boolean withPrometheus, boolean withGrafana) {
        List<String> lines = new ArrayList<>();
        state.find(LocalStack.PROMETHEUS).ifPresentOrElse(
                p -> lines.add("  Prometheus    http://localhost:" + p.port()
                        + "/targets   every node, its target list rewritten on scale"),
                () -> lines.add(withPrometheus ? "  Metrics       " + Prometheus.installHint()
                        : "  Metrics       ./bakery status shows the key figures (Prometheus left off)"));
        state.find(LocalStack.GRAFANA).ifPresentOrElse(
                g -> lines
                        .add("  Grafana       http://localhost:" + g.port() + "/   dashboard FADU Bakery, login admin / admin"),
                () -> {
                    if (withPrometheus && withGrafana && state.find(LocalStack.PROMETHEUS).isPresent()) {
                        lines.add("  Dashboards    " + Grafana.installHint());
                    }
                });
        return String.join("\n", lines);
    }
}
