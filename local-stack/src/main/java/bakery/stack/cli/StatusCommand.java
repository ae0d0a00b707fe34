package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.stack.figures.KeyFigures;
import bakery.stack.process.Pids;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;
import bakery.stack.scaling.ConsumerLag;

@Command(name = "status", description = "Every process of the stack (service, id, pid, port, management port, ready, RSS, uptime), every consumer group's lag per topic, "
        + "and from the nodes' /q/metrics: orders per second by stage and p99 latencies.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "one JSON object: instances and consumerGroups")
    boolean json;

    /** One process as status shows it; managementPort is 0 for a server, rssKb is null when the process is gone. */
    record InstanceStatus(String service, String id, long pid, int port, int managementPort, boolean running, boolean ready,
            Long rssKb, Long uptimeSeconds) {
    }

    record Report(boolean running, List<InstanceStatus> instances, List<ConsumerLag.TopicLag> consumerGroups, String kafkaError,
            KeyFigures.Figures figures) {
    }

    @Override
    public Integer call() throws Exception {
        LocalStack stack = BakeryCommand.stack();
        StackState state = stack.stateFile.load().orElse(null);
        Report report = state == null ? new Report(false, List.of(), List.of(), null, null) : report(stack, state);
        if (json) {
            System.out.println(StateFile.JSON.writeValueAsString(report));
        } else if (state == null) {
            System.out.println("The bakery is not running (start it with ./bakery up).");
        } else {
            print(report);
        }
        return 0;
    }

    static Report report(LocalStack stack, StackState state) {
        Instant now = Instant.now();
        List<InstanceStatus> rows = state.instances().parallelStream().map(i -> {
            boolean running = stack.running(i);
            return new InstanceStatus(i.service(), i.id(), i.pid(), i.port(), i.managementPort(), running,
                    running && stack.ready(i),
                    running ? (Long) Pids.rssKb(i.pid()).stream().boxed().findFirst().orElse(null) : null,
                    running && i.startedAt() != null ? Duration.between(i.startedAt(), now).toSeconds() : null);
        }).toList();
        List<ConsumerLag.TopicLag> lags = List.of();
        String kafkaError = null;
        try (ConsumerLag lag = new ConsumerLag(stack.kafka.bootstrapServers(), stack.settings.duration("probe-timeout"))) {
            lags = lag.all();
        } catch (RuntimeException e) {
            kafkaError = e.getMessage();
        }
        KeyFigures.Figures figures = null;
        // Metrics answer on the nodes' management ports; servers have none.
        List<Integer> ready = rows.stream().filter(i -> i.ready() && i.managementPort() > 0).map(InstanceStatus::managementPort)
                .toList();
        try {
            figures = new KeyFigures(stack.settings.duration("probe-timeout")).sample(ready,
                    stack.settings.duration("status.figures-window"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Report(rows.stream().anyMatch(InstanceStatus::running), rows, lags, kafkaError, figures);
    }

    private static void print(Report report) {
        System.out.printf("%-20s %-22s %8s %6s %6s %-6s %9s %9s%n", "SERVICE", "ID", "PID", "PORT", "MGMT", "READY", "RSS",
                "UPTIME");
        for (InstanceStatus i : report.instances()) {
            System.out.printf("%-20s %-22s %8d %6d %6s %-6s %9s %9s%n", i.service(), i.id(), i.pid(), i.port(),
                    i.managementPort() > 0 ? Integer.toString(i.managementPort()) : "-",
                    !i.running() ? "gone" : i.ready() ? "yes" : "no",
                    i.rssKb() == null ? "-" : (i.rssKb() / 1024) + " MB",
                    i.uptimeSeconds() == null ? "-" : uptime(i.uptimeSeconds()));
        }
        System.out.println();
        printFigures(report.figures());
        if (report.kafkaError() != null) {
            System.out.println("Consumer groups: Kafka did not answer (" + report.kafkaError() + ")");
            return;
        }
        int width = report.consumerGroups().stream().mapToInt(l -> l.group().length()).max().orElse(0);
        String row = "%-" + Math.max(width, "CONSUMER GROUP".length()) + "s %-18s %9s %11s %8s%n";
        System.out.printf(row, "CONSUMER GROUP", "TOPIC", "CONSUMERS", "PARTITIONS", "LAG");
        boolean liveFeeds = false;
        for (ConsumerLag.TopicLag l : report.consumerGroups()) {
            boolean live = !l.committed() && !Service.WORKER_GROUPS.contains(l.group());
            liveFeeds |= live;
            System.out.printf(row, l.group(), l.topic(), l.members(), l.partitions(), live ? "-" : Long.toString(l.lag()));
        }
        if (liveFeeds) {
            System.out.println(
                    "LAG - : a live feed that keeps no position (a web node reads orders.status from its end, commits nothing)");
        }
    }

    private static void printFigures(KeyFigures.Figures figures) {
        if (figures == null) {
            return;
        }
        System.out.printf("Over the last %d s (from /q/metrics):%n", figures.window().toSeconds());
        System.out.println("  orders/s   " + (figures.ordersPerSecond().isEmpty() ? "none"
                : String.join("  ", figures.ordersPerSecond().entrySet().stream()
                        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).toList())));
        System.out.println("  p99        " + (figures.p99Seconds().isEmpty() ? "nothing measured"
                : String.join("  ", figures.p99Seconds().entrySet().stream()
                        .map(e -> String.format("%s %.0f ms", e.getKey(), e.getValue() * 1000)).toList())));
        System.out.println();
    }

    static String uptime(long seconds) {
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }

}
