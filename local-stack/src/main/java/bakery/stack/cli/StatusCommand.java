package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import bakery.servers.kafka.ConsumerLag;
import bakery.servers.process.Pids;
import bakery.stack.figures.KeyFigures;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;
import bakery.stack.release.Release;
import bakery.stack.scaling.GroupBacklog;
import bakery.stack.scaling.ServiceCount;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Every process of the stack (service, id, pid, port, management port, ready, RSS, uptime, release; a warning while nodes run mixed releases), desired and running nodes per service, every consumer group's lag per topic, "
        + "each worker group's backlog and the time to drain it at its current pace, "
        + "and from the nodes' /q/metrics: orders per second by stage and p99 latencies over a window ending now.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "one JSON object: instances and consumerGroups")
    boolean json;

    /**
     * One process as status shows it; managementPort is 0 for a server, rssKb is null when the process
     * is gone; release is what a running service node runs, read from the node's own command line.
     */
    record InstanceStatus(String service, String id, long pid, int port, int managementPort, boolean running, boolean ready,
            Long rssKb, Long uptimeSeconds, String release, boolean drained) {

        InstanceStatus(String service, String id, long pid, int port, int managementPort, boolean running, boolean ready,
                Long rssKb, Long uptimeSeconds, String release) {
            this(service, id, pid, port, managementPort, running, ready, rssKb, uptimeSeconds, release, false);
        }
    }

    /**
     * {@code releases}: every release the running service nodes run; more than one while a rollout is under way.
     * {@code services}: per service the nodes the stack keeps (desired) and those running; fewer running is a node
     * that died and waits for the stack's controller ({@code ./bakery autoscale}) to replace it.
     */
    record Report(boolean running, List<InstanceStatus> instances, List<ConsumerLag.TopicLag> consumerGroups, String kafkaError,
            KeyFigures.Figures figures, List<GroupBacklog> backlogs, List<String> releases, boolean mixedReleases,
            List<ServiceCount> services) {

        Report(boolean running, List<InstanceStatus> instances, List<ConsumerLag.TopicLag> consumerGroups, String kafkaError,
                KeyFigures.Figures figures, List<GroupBacklog> backlogs) {
            this(running, instances, consumerGroups, kafkaError, figures, backlogs, releasesOf(instances),
                    releasesOf(instances).size() > 1,
                    ServiceCount.of(instances, InstanceStatus::service, InstanceStatus::running));
        }
    }

    static List<String> releasesOf(List<InstanceStatus> instances) {
        return instances.stream().filter(i -> i.running() && i.managementPort() > 0)
                .map(i -> i.release() == null ? UNKNOWN_RELEASE : i.release()).distinct().sorted().toList();
    }

    /** A node started from the working tree itself, not from a release (a stack started before releases were kept). */
    static final String UNKNOWN_RELEASE = "working-tree";

    @Override
    public Integer call() throws Exception {
        LocalStack stack = BakeryCommand.stack();
        StackState state = stack.stateFile().load().orElse(null);
        Report report = state == null ? new Report(false, List.of(), List.of(), null, null, List.of()) : report(stack, state);
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
                    running && i.startedAt() != null ? Duration.between(i.startedAt(), now).toSeconds() : null,
                    running && i.managementPort() > 0
                            ? stack.releases().runBy(i.pid()).map(Release::name).orElse(UNKNOWN_RELEASE)
                            : null,
                    state.isDrained(i.id()));
        }).toList();
        Duration window = stack.settings().duration("status.figures-window");
        List<ConsumerLag.TopicLag> before = List.of();
        List<ConsumerLag.TopicLag> lags = List.of();
        String kafkaError = null;
        KeyFigures.Figures figures = null;
        List<Integer> ready = metricsPorts(rows);
        // The groups' committed offsets at both ends of the figures' window give each group's pace.
        try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(), stack.settings().duration("probe-timeout"))) {
            before = readLag(lag);
            figures = new KeyFigures(stack.settings().duration("probe-timeout")).sample(ready, window);
            lags = lag.all();
        } catch (RuntimeException e) {
            kafkaError = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<GroupBacklog> backlogs = kafkaError == null && !before.isEmpty()
                ? GroupBacklog.of(Service.WORKER_GROUPS, before, lags, window)
                : List.of();
        return new Report(rows.stream().anyMatch(InstanceStatus::running), rows, lags, kafkaError, figures, backlogs);
    }

    /**
     * The ready service nodes, each read on its own management port (servers have none). Not the
     * balancer: each read through it lands on another web node, and the difference of two web
     * nodes' counters is no rate.
     */
    static List<Integer> metricsPorts(List<InstanceStatus> rows) {
        return rows.stream().filter(InstanceStatus::ready)
                .filter(i -> Arrays.stream(Service.values()).anyMatch(s -> s.module().equals(i.service())))
                .filter(i -> i.managementPort() > 0)
                .map(InstanceStatus::managementPort).toList();
    }

    /** The first reading; a broker that does not answer leaves the backlog out, not the figures. */
    private static List<ConsumerLag.TopicLag> readLag(ConsumerLag lag) {
        try {
            return lag.all();
        } catch (RuntimeException kafkaDown) {
            return List.of();
        }
    }

    private static void print(Report report) {
        System.out.printf("%-20s %-22s %8s %6s %6s %-7s %9s %9s  %s%n", "SERVICE", "ID", "PID", "PORT", "MGMT", "READY", "RSS",
                "UPTIME", "RELEASE");
        for (InstanceStatus i : report.instances()) {
            System.out.printf("%-20s %-22s %8d %6d %6s %-7s %9s %9s  %s%n", i.service(), i.id(), i.pid(), i.port(),
                    i.managementPort() > 0 ? Integer.toString(i.managementPort()) : "-",
                    !i.running() ? "gone" : i.drained() ? "DRAINED" : i.ready() ? "yes" : "no",
                    i.rssKb() == null ? "-" : (i.rssKb() / 1024) + " MB",
                    i.uptimeSeconds() == null ? "-" : uptime(i.uptimeSeconds()), i.release() == null ? "-" : i.release());
        }
        System.out.println();
        System.out.printf("%-20s %8s %8s%n", "SERVICE", "DESIRED", "RUNNING");
        for (ServiceCount c : report.services()) {
            System.out.printf("%-20s %8d %8d%s%n", c.service(), c.desired(), c.running(),
                    c.missingNodes() ? "  (a dead node waits for ./bakery autoscale to replace it)" : "");
        }
        if (report.mixedReleases()) {
            System.out.println("WARNING: the nodes run " + report.releases().size() + " releases side by side "
                    + report.releases() + " (a rollout under way, or one left half done)");
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
        printBacklogs(report);
    }

    /** Per worker group: what waits, the pace of the window, and how long the rest takes at that pace. */
    private static void printBacklogs(Report report) {
        if (report.backlogs().isEmpty()) {
            return;
        }
        long window = report.figures() == null ? 0 : report.figures().window().toSeconds();
        System.out.println();
        System.out.printf("Backlog per worker group (pace: records worked off in the last %d s):%n", window);
        String row = "%-20s %9s %10s %s%n";
        System.out.printf(row, "WORKER GROUP", "BACKLOG", "PER SECOND", "TIME TO DRAIN");
        for (GroupBacklog b : report.backlogs()) {
            String drain = b.backlog() == 0 ? "-"
                    : b.stuck() ? "not moving (no record worked off in the window)"
                            : "about " + uptime(Math.max(1, b.timeToDrain().toSeconds()));
            System.out.printf(row, b.group(), b.backlog(), String.format("%.1f", b.perSecond()), drain);
        }
    }

    private static void printFigures(KeyFigures.Figures figures) {
        if (figures == null) {
            return;
        }
        System.out.printf("Over the last %d s, ending now (from /q/metrics%s):%n", figures.window().toSeconds(),
                figures.nodesUnread() == 0 ? ""
                        : "; " + figures.nodesUnread() + " node(s) gave no page at one end of the window and are left out");
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
