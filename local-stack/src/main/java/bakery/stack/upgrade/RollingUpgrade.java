package bakery.stack.upgrade;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import bakery.servers.metrics.MetricsPage;
import bakery.servers.process.Pids;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.Progress;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.release.Release;

/**
 * {@code ./bakery upgrade} and {@code ./bakery rollback}: every node replaced by one of another
 * release, one at a time, never with fewer ready nodes than before. Each step starts the new node,
 * waits until it is ready and, for a consumer, until it owns partitions; for a service behind nginx
 * it then watches the new node's share of 5xx answers beside the old nodes' for a while; only then
 * the old node leaves (out of nginx first, archived, SIGTERM). A new node that fails any of it is
 * stopped, and every node already replaced goes back to the release it came from, the same way.
 */
public final class RollingUpgrade {

    static final String HTTP_REQUESTS = "http_server_requests_seconds_count";

    private final LocalStack stack;
    private final Progress progress;
    private final GroupJoin groups;
    private final Duration watch;
    private final double errorMargin;
    private final int minRequests;

    public RollingUpgrade(LocalStack stack) {
        StackSettings settings = stack.settings();
        this.stack = stack;
        this.progress = stack.progress();
        this.groups = new GroupJoin(stack.kafka().bootstrapServers(), settings.duration("probe-timeout"),
                settings.duration("upgrade.join-timeout"), settings.duration("probe-interval"));
        this.watch = settings.duration("upgrade.watch");
        this.errorMargin = Double.parseDouble(settings.text("upgrade.error-margin"));
        this.minRequests = settings.number("upgrade.min-requests");
    }

    /** Migrates the schema for {@code next} once, then moves every node to it: workers, order-service, web tier. */
    public void upgrade(Release next) {
        StackState state = stack.requireRunning();
        Release current = releaseOf(state);
        progress.step("upgrading from " + current.name() + " to " + next.name()
                + (current.equals(next) ? " (the same build: a rolling restart)" : ""));
        stack.migrate(next);
        roll(state, RolloutOrder.FORWARD, current, next);
        stack.moveTo(next);
        progress.step("every node runs " + next.name() + "; ./bakery rollback returns to " + current.name());
    }

    /** Moves every node back to the release the last upgrade or rollback moved away from: web tier first. */
    public void rollback() {
        StackState state = stack.requireRunning();
        Release current = releaseOf(state);
        if (state.previousRelease() == null) {
            throw new StackException("there is no release to return to: ./bakery rollback follows an ./bakery upgrade");
        }
        Release previous = new Release(state.previousRelease());
        if (!stack.releases().kept(previous)) {
            throw new StackException("the previous release " + previous.name() + " is no longer kept in "
                    + stack.releases().dir() + ": build it again with ./bakery upgrade --ref COMMIT");
        }
        progress.step("rolling back from " + current.name() + " to " + previous.name()
                + " (the schema stays as it is: migrations only ever expand it)");
        roll(state, RolloutOrder.BACK, current, previous);
        stack.moveTo(previous);
        progress.step("every node runs " + previous.name() + "; ./bakery rollback returns to " + current.name());
    }

    private Release releaseOf(StackState state) {
        if (state.release() == null) {
            throw new StackException("this stack was started before nodes ran from releases: ./bakery down, then ./bakery up");
        }
        return new Release(state.release());
    }

    /** A step that went wrong: the new node is already gone again, this says why. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String reason) {
            super(reason);
        }
    }

    private void replaceAll(List<RolloutOrder.Replacement> plan, Release from, Release to) {
        progress.step("replacing " + plan.size() + " node(s) one at a time: "
                + plan.stream().map(RolloutOrder.Replacement::nodeId).toList());
        List<Instance> replaced = new ArrayList<>();
        for (RolloutOrder.Replacement step : plan) {
            Optional<Instance> old = stack.requireRunning().find(step.nodeId());
            if (old.isEmpty()) {
                progress.step(step.nodeId() + " is gone already; nothing to replace");
                continue;
            }
            try {
                replaced.add(replace(old.get(), to, true));
            } catch (StepFailed failed) {
                progress.step("FAILED: " + failed.getMessage());
                progress.step("returning " + replaced.size() + " replaced node(s) to " + from.name());
                for (Instance fresh : RolloutOrder.undo(replaced)) {
                    try {
                        replace(fresh, from, false);
                    } catch (StepFailed again) {
                        throw new StackException("moving to " + to.name() + " failed (" + failed.getMessage()
                                + "), and returning " + fresh.id() + " to " + from.name() + " failed too (" + again.getMessage()
                                + "): the stack runs both releases; see ./bakery status");
                    }
                }
                throw new StackException("moving to " + to.name() + " failed: " + failed.getMessage()
                        + ". Every node runs " + from.name() + " again, as many as before.");
            }
        }
    }

    private void roll(StackState state, List<Service> order, Release from, Release to) {
        replaceAll(RolloutOrder.plan(state, order), from, to);
    }

    /**
     * One node replaced by a node of {@code to}: the new node is ready (and in its group, and not
     * worse than the old nodes when {@code judged}) before the old one stops. Returns the new node.
     */
    private Instance replace(Instance old, Release to, boolean judged) {
        Service service = Service.parse(old.service());
        boolean consumer = Service.WORKER_GROUPS.contains(service.module());
        Set<String> membersBefore = consumer ? groups.members(service.module()).partitionsByMember().keySet() : Set.of();
        progress.step(old.id() + ": starting its replacement from " + to.name());
        Instance fresh;
        try {
            fresh = stack.startNode(service, to);
        } catch (StackException notReady) {
            throw new StepFailed("the new " + service.module() + " node of " + to.name() + " did not become ready: "
                    + notReady.getMessage());
        }
        if (consumer) {
            if (!groups.awaitJoined(service.module(), membersBefore)) {
                stack.retire(fresh, "joined no partitions of " + service.module() + " in time");
                throw new StepFailed(fresh.id() + " owned no partitions of the group " + service.module() + " in time");
            }
            progress.step(fresh.id() + " owns partitions of the group " + service.module());
        }
        if (judged && LocalStack.fronted(service)) {
            Optional<String> worse = watchBeside(fresh, service);
            if (worse.isPresent()) {
                stack.retire(fresh, "answered worse than the old nodes: " + worse.get());
                throw new StepFailed(fresh.id() + " answered worse than the old nodes: " + worse.get());
            }
        }
        stack.retire(old, "replaced by " + fresh.id() + " of " + to.name());
        progress.step(old.id() + " replaced by " + fresh.id() + " (" + to.name() + ")");
        return fresh;
    }

    /**
     * Counts the new node's answers and the other nodes' over the watch window; says how the new
     * node answered when its share of 5xx is above theirs beyond the margin.
     */
    private Optional<String> watchBeside(Instance fresh, Service service) {
        List<Instance> others = stack.requireRunning().nodes(service).stream().filter(i -> !i.id().equals(fresh.id()))
                .toList();
        Map<String, ErrorRate> before = readings(fresh, others);
        progress.step(String.format("watching %s's answers beside %s for %d s", fresh.id(),
                others.stream().map(Instance::id).toList(), watch.toSeconds()));
        Pids.pause(watch);
        Map<String, ErrorRate> after = readings(fresh, others);
        ErrorRate mine = after.get(fresh.id()).since(before.get(fresh.id()));
        ErrorRate theirs = ErrorRate.NONE;
        for (Instance other : others) {
            theirs = theirs.plus(after.get(other.id()).since(before.get(other.id())));
        }
        String figures = String.format("%.0f of %.0f requests answered 5xx (old nodes %.0f of %.0f)", mine.serverErrors(),
                mine.requests(), theirs.serverErrors(), theirs.requests());
        progress.step(fresh.id() + ": " + figures);
        return mine.worseThan(theirs, errorMargin, minRequests) ? Optional.of(figures) : Optional.empty();
    }

    private Map<String, ErrorRate> readings(Instance fresh, List<Instance> others) {
        Map<String, ErrorRate> rates = new HashMap<>();
        rates.put(fresh.id(), rate(fresh));
        others.forEach(o -> rates.put(o.id(), rate(o)));
        return rates;
    }

    /** A node's HTTP answers so far from its /q/metrics; a node that does not answer counts as none. */
    private ErrorRate rate(Instance node) {
        try {
            MetricsPage page = MetricsPage.of(URI.create("http://127.0.0.1:" + node.managementPort() + "/q/metrics"),
                    stack.probes());
            return new ErrorRate(page.sum(HTTP_REQUESTS), page.sum(HTTP_REQUESTS, "outcome", "SERVER_ERROR"));
        } catch (RuntimeException e) {
            return ErrorRate.NONE;
        }
    }
}
