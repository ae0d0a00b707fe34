package bakery.stack.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import bakery.contracts.Topics;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.process.Pids;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.release.Release;
import bakery.stack.upgrade.ReleaseBuild;
import bakery.stack.upgrade.RollingUpgrade;

/**
 * What each chaos scenario breaks while the steady load runs. Where a node is killed the scenario
 * also plays the orchestrator that starts a replacement (Kubernetes would); the recovery of the
 * work itself (redelivery, expired leases, retried checkouts) is the bakery's own.
 */
public enum ChaosScenario {

    KILL_BAKER("kill-baker", "SIGKILL a baking-worker every chaos.kill-interval, a replacement started each time") {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            int bakers = stack.requireRunning().nodes(Service.BAKING_WORKER).size();
            Instant end = Instant.now().plus(duration);
            while (Instant.now().isBefore(end)) {
                killOne(stack, Service.BAKING_WORKER);
                stack.scale(Service.BAKING_WORKER, Math.max(1, bakers));
                Pids.pause(stack.settings().duration("chaos.kill-interval"));
            }
        }
    },
    CRASH_BAKER("crash-baker", "SIGKILL one baking-worker and leave it to the stack's controller (./bakery autoscale, running "
            + "beside) to archive it and start a replacement within chaos.replace-within (10 s)") {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            Instant end = Instant.now().plus(duration);
            int bakers = stack.requireRunning().nodes(Service.BAKING_WORKER).size();
            Instance victim = killOne(stack, Service.BAKING_WORKER);
            Instant killed = Instant.now();
            Duration within = stack.settings().duration("chaos.replace-within");
            while (!replaced(stack, victim, bakers)) {
                if (Instant.now().isAfter(killed.plus(within))) {
                    throw new StackException(victim.id() + " was not replaced within " + within.toSeconds()
                            + " s: the stack's controller (./bakery autoscale) replaces dead nodes; is it running?");
                }
                Pids.pause(stack.settings().duration("probe-interval"));
            }
            stack.progress().step(String.format("%s replaced by the stack's controller %.1f s after the kill", victim.id(),
                    Duration.between(killed, Instant.now()).toMillis() / 1000.0));
            Duration rest = Duration.between(Instant.now(), end);
            if (!rest.isNegative()) {
                Pids.pause(rest);
            }
        }
    },
    KILL_WEB("kill-web", "SIGKILL one web node; nginx routes around it; a replacement after half the duration") {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            int webs = stack.requireRunning().nodes(Service.WEB_TIER).size();
            if (webs < 2) {
                throw new StackException("kill-web needs at least 2 web nodes: ./bakery scale web=2");
            }
            killOne(stack, Service.WEB_TIER);
            Pids.pause(duration.dividedBy(2));
            stack.scale(Service.WEB_TIER, webs);
            Pids.pause(duration.dividedBy(2));
        }
    },
    RESTART_KAFKA("restart-kafka", "stop the Kafka broker, keep it down chaos.kafka-down, start it again", LocalStack.KAFKA),
    STOP_POSTGRES("stop-postgres", "stop PostgreSQL for chaos.postgres-down (20 s), then start it again", LocalStack.POSTGRES),
    STOP_REDIS("stop-redis", "stop Redis for chaos.redis-down (10 s), then start it again; requests meanwhile must get 503",
            LocalStack.REDIS),
    SCALE_BAKERS("scale-bakers", "scale baking-worker to chaos.scale-high (4), down to chaos.scale-low (1) and back") {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            int high = stack.settings().number("chaos.scale-high");
            stack.scale(Service.BAKING_WORKER, high);
            Pids.pause(duration.dividedBy(3));
            stack.scale(Service.BAKING_WORKER, stack.settings().number("chaos.scale-low"));
            Pids.pause(duration.dividedBy(3));
            stack.scale(Service.BAKING_WORKER, high);
            Pids.pause(duration.dividedBy(3));
        }
    },
    /**
     * Not a failure but the change every release brings: the stack, started on the release before this
     * one ({@code ./bakery up --previous}), moves node by node to the working tree's release and back,
     * while customers shop, watch their orders live and staff hand orders over. Nodes of both releases
     * serve side by side for most of it.
     */
    UPGRADE("upgrade", "./bakery upgrade to the working tree's release, then ./bakery rollback, while customers shop, watch "
            + "their orders live and staff hand them over; start the stack with ./bakery up --previous for two releases side by side",
            true) {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            StackState state = stack.requireRunning();
            Release next = ReleaseBuild.of(stack).workingTree(state.releasesInUse());
            if (next.name().equals(state.release())) {
                stack.progress().step("the stack runs the working tree's release already: this is a rolling restart, "
                        + "not two releases side by side (./bakery up --previous starts on the release before)");
            }
            RollingUpgrade rollout = new RollingUpgrade(stack);
            rollout.upgrade(next);
            rollout.rollback();
        }

        @Override
        public boolean changesRelease() {
            return true;
        }
    },
    /**
     * Not one of the bakery's failures but a fault nothing in the bakery can recover from, so the
     * verdict can be checked: the orders placed while the order-service is stopped are skipped in
     * orders.placed behind the bakery's back, never stored. The run must call them lost and exit 1.
     */
    LOSE_ORDERS("lose-orders", "check of the verdict itself: stop the order-service, skip the orders placed meanwhile in "
            + "orders.placed behind the bakery's back, start it again; those orders are lost and the run must fail", false) {
        @Override
        public void disturb(LocalStack stack, Duration duration) {
            int nodes = stack.requireRunning().nodes(Service.ORDER_SERVICE).size();
            stack.scale(Service.ORDER_SERVICE, 0);
            Pids.pause(duration);
            Instant deadline = Instant.now().plus(stack.settings().duration("chaos.request-timeout"));
            try (ConsumerLag lag = new ConsumerLag(stack.kafka().bootstrapServers(),
                    stack.settings().duration("probe-timeout"))) {
                while (true) {
                    try {
                        lag.skipAll(Service.ORDER_SERVICE.module(), Topics.ORDERS_PLACED);
                        stack.progress().step("the orders placed while the order-service was stopped were skipped in "
                                + Topics.ORDERS_PLACED + ": they are gone");
                        break;
                    } catch (IllegalStateException groupNotEmptyYet) {
                        if (Instant.now().isAfter(deadline)) {
                            throw new StackException("could not skip " + Topics.ORDERS_PLACED + ": "
                                    + groupNotEmptyYet.getMessage(), groupNotEmptyYet);
                        }
                        Pids.pause(stack.settings().duration("probe-interval"));
                    }
                }
            } finally {
                stack.scale(Service.ORDER_SERVICE, Math.max(1, nodes));
            }
        }
    };

    private final String label;
    private final String description;
    private final boolean listed;
    /** The server an outage scenario takes away, or null where the scenario says itself what it breaks. */
    private final String server;

    ChaosScenario(String label, String description) {
        this(label, description, true, null);
    }

    ChaosScenario(String label, String description, boolean listed) {
        this(label, description, listed, null);
    }

    /** An outage: the server goes away for its {@code chaos.<server>-down} and comes back. */
    ChaosScenario(String label, String description, String server) {
        this(label, description, true, server);
    }

    ChaosScenario(String label, String description, boolean listed, String server) {
        this.label = label;
        this.description = description;
        this.listed = listed;
        this.server = server;
    }

    /**
     * False for the verdict's own check, which --list leaves out: it is no failure the bakery must survive.
     */
    public boolean listed() {
        return listed;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the scenario moves the stack to another release and back: then customers also watch their
     * orders live and staff serve at the counter, and the run ends with the release-change line.
     */
    public boolean changesRelease() {
        return false;
    }

    /** Breaks things for about {@code duration} while the load runs, and returns once the stack is whole again. */
    public void disturb(LocalStack stack, Duration duration) {
        outage(stack, server, duration);
    }

    public static ChaosScenario parse(String name) {
        for (ChaosScenario s : values()) {
            if (s.label.equals(name)) {
                return s;
            }
        }
        throw new StackException("no chaos scenario '" + name + "'; ./bakery chaos --list names them");
    }

    /** Takes the server away for its {@code chaos.<server>-down}, brings it back, then lets the load run on. */
    static void outage(LocalStack stack, String server, Duration duration) {
        stack.restartServer(server, stack.settings().duration("chaos." + server + "-down"));
        Pids.pause(duration);
    }

    /** Whether the service is back at {@code count} running nodes, none of them the dead one. */
    static boolean replaced(LocalStack stack, Instance dead, int count) {
        List<Instance> nodes = stack.stateFile().load().map(s -> s.nodes(Service.parse(dead.service()))).orElse(List.of());
        return nodes.size() == count && nodes.stream().allMatch(stack::running)
                && nodes.stream().noneMatch(n -> n.pid() == dead.pid());
    }

    static Instance killOne(LocalStack stack, Service service) {
        List<Instance> nodes = stack.requireRunning().nodes(service).stream().filter(stack::running).toList();
        if (nodes.isEmpty()) {
            throw new StackException("no running " + service.module() + " node to kill");
        }
        Instance victim = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
        stack.progress().step("SIGKILL " + victim.id() + " (pid " + victim.pid() + ")");
        stack.kill(victim);
        return victim;
    }
}
