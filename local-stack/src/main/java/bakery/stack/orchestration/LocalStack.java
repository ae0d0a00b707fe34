package bakery.stack.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import bakery.servers.process.NodeLauncher;
import bakery.servers.process.Pids;
import bakery.servers.readiness.Probes;
import bakery.servers.readiness.ReadinessWait;
import bakery.stack.archive.NodeArchive;
import bakery.stack.balancer.Balancer;
import bakery.stack.balancer.Nginx;
import bakery.stack.infra.KafkaNode;
import bakery.stack.infra.MailSinkNode;
import bakery.stack.infra.PostgresNode;
import bakery.stack.infra.RedisNode;
import bakery.stack.monitoring.Grafana;
import bakery.stack.monitoring.Prometheus;
import bakery.stack.process.Instance;
import bakery.stack.process.PortPlan;
import bakery.stack.process.Service;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;
import bakery.stack.release.Release;
import bakery.stack.release.Releases;
import bakery.stack.secrets.CookieKey;
import bakery.stack.upgrade.Migration;

/**
 * The whole bakery on one machine: starts its servers and service nodes as separate processes,
 * changes how many nodes a service has, stops it all. Every change is recorded in
 * {@code .bakery/stack.json} under the state lock as it happens, so {@code down} can always clean up.
 */
public record LocalStack(StackLayout layout, StackSettings settings, Progress progress, StateFile stateFile, Probes probes,
        KafkaNode kafka, PostgresNode postgres, RedisNode redis) {

    static final String KAFKA = "kafka";
    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";
    static final String SMTP = "smtp";
    /** Where every node listens: nothing but nginx's balancer port is reachable from other machines. */
    static final String LOOPBACK = "127.0.0.1";
    static final List<String> SERVERS = List.of(KAFKA, POSTGRES, REDIS, SMTP);
    public static final String PROMETHEUS = Prometheus.NAME;
    public static final String GRAFANA = Grafana.NAME;

    /** Optional parts of the stack {@code up} starts when they are installed. */
    public record Monitoring(boolean prometheus, boolean grafana) {
    }

    /** The stack in {@code layout}'s home, its servers where {@code settings} put them. */
    public static LocalStack of(StackLayout layout, StackSettings settings, Progress progress) {
        return new LocalStack(layout, settings, progress, StateFile.in(layout), new Probes(settings.duration("probe-timeout")),
                new KafkaNode(layout, settings), new PostgresNode(layout, settings), new RedisNode(layout, settings));
    }

    // ---- up -------------------------------------------------------------------------------------

    /**
     * Starts the servers and the nodes of {@code counts}, on the working tree's release, or on the release
     * {@code startOn} makes of it (another commit's, built apart). The working tree's release is kept
     * either way, so a later upgrade to it needs no build.
     */
    public void up(Map<Service, Integer> counts, Monitoring monitoring, UnaryOperator<Release> startOn) {
        try (var lock = stateFile.lock()) {
            refuseSecondStack();
            for (Service s : Service.values()) {
                if (!Files.isRegularFile(s.jar(layout.root()))) {
                    throw new StackException(
                            s.jar(layout.root()) + " is missing: build it with ./mvnw -B package -DskipTests -pl " + s.module()
                                    + " (./bakery up does so by itself)");
                }
            }
            Balancer balancer = new Balancer(Nginx.find().orElseThrow(() -> new StackException(Nginx.installHint())), layout,
                    settings);
            refuseTakenPorts(balancer);
            Release release = startOn.apply(releases().fromWorkingTree());
            progress.step("release " + release.name() + " (every service's build, kept in " + releases().dir()
                    .resolve(release.name()) + ")");
            StackState state = new StackState(Instant.now(), settings.portOffset(), List.of(), release.name());
            stateFile.save(state);
            try {
                state = startServers(state);
                migrate(release);
                state = planNodes(state, counts);
                balancer.configure(state);
                Process nginx = balancer.launch();
                state = record(state, Balancer.NAME, Balancer.NAME, nginx, balancer.port());
                state = startMonitoring(state, monitoring);
                state = launchNodes(state, state.instances().stream().filter(i -> i.pid() == 0).toList());
                awaitReady(state, state.instances().stream().filter(i -> !SERVERS.contains(i.service())).toList());
            } catch (RuntimeException e) {
                progress.step("FAILED: " + e.getMessage());
                progress.step("stopping what was started");
                stopAll(stateFile.load().orElse(state));
                stateFile.delete();
                throw e;
            }
        }
    }

    private void refuseSecondStack() {
        stateFile.load().ifPresent(existing -> {
            long alive = existing.instances().stream().filter(this::running).count();
            if (alive > 0) {
                throw new StackException("The bakery is already running (" + alive + " processes, up since "
                        + existing.startedAt()
                        + ", state in " + layout.stateFile()
                        + ").\nSee it with ./bakery status, resize it with ./bakery scale SERVICE=N, stop it with ./bakery down.");
            }
            progress.step("an earlier stack left " + layout.stateFile() + " behind but nothing of it runs; starting afresh");
            stateFile.delete();
        });
    }

    private void refuseTakenPorts(Balancer balancer) {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        fixed.put("balancer (nginx)", balancer.port());
        fixed.put("order-service front (nginx)", balancer.orderServicePort());
        fixed.put("Kafka", kafka.port());
        fixed.put("Kafka controller", settings.port("kafka-controller"));
        fixed.put("Redis", redis.port());
        fixed.put("PostgreSQL", postgres.port());
        fixed.put("SMTP sink", settings.port("smtp"));
        List<String> taken = new ArrayList<>();
        fixed.forEach((what, port) -> {
            if (!Probes.free(port)) {
                taken.add("  port " + port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new StackException("Ports the bakery needs are taken by another program:\n" + String.join("\n", taken)
                    + "\nStop that program, or move the whole stack with an offset, e.g. BAKERY_PORT_OFFSET=1000 ./bakery up");
        }
    }

    private StackState startServers(StackState state) {
        progress.step(
                "starting Kafka (" + kafka.bootstrapServers() + "), Redis, SMTP sink and PostgreSQL; data in " + layout.home());
        kafka.prepare();
        state = record(state, KAFKA, KAFKA, kafka.launch(), kafka.port());
        state = record(state, REDIS, REDIS, redis.launch(), redis.port());
        state = record(state, SMTP, SMTP, MailSinkNode.launch(layout, settings), settings.port("smtp"));
        long postmaster = postgres.start(settings.duration("ready-timeout"));
        Instant now = Instant.now();
        state = state.with(
                new Instance(POSTGRES, POSTGRES, postmaster, postgres.port(), now, Pids.startOf(postmaster).orElse(null)));
        stateFile.save(state);
        progress.step("PostgreSQL ready on localhost:" + postgres.port() + " (database " + postgres.database() + ")");
        awaitReady(state, state.instances().stream().filter(i -> !i.service().equals(POSTGRES)).toList());
        return state;
    }

    /**
     * Prometheus (and Grafana on it) when installed and wanted; their absence is not an error, the
     * banner says how to get them. Started before the nodes, which it lists already, so it sees them arrive.
     */
    private StackState startMonitoring(StackState state, Monitoring monitoring) {
        if (!monitoring.prometheus()) {
            return state;
        }
        Optional<Path> prometheusBinary = Prometheus.find();
        if (prometheusBinary.isEmpty()) {
            progress.step(Prometheus.installHint());
            return state;
        }
        Prometheus prometheus = new Prometheus(prometheusBinary.get(), layout, settings);
        prometheus.configure(state);
        int prometheusPort = PortPlan.next(settings.port(PROMETHEUS), state.ports(), Probes::free);
        progress.step(
                "starting Prometheus on port " + prometheusPort + " (scrapes every node; data in " + layout.prometheus() + ")");
        state = record(state, PROMETHEUS, PROMETHEUS, prometheus.launch(prometheusPort), prometheusPort);
        Optional<Path> grafanaBinary = monitoring.grafana() ? Grafana.find() : Optional.empty();
        if (grafanaBinary.isPresent()) {
            Grafana grafana = new Grafana(grafanaBinary.get(), layout);
            grafana.configure();
            int grafanaPort = PortPlan.next(settings.port(GRAFANA), state.ports(), Probes::free);
            progress.step("starting Grafana on port " + grafanaPort + " with the bakery dashboard");
            state = record(state, GRAFANA, GRAFANA, grafana.launch(grafanaPort, prometheusPort), grafanaPort);
        }
        return state;
    }

    /** Prometheus rereads its target lists by itself: rewritten, they follow every change of the nodes. */
    private void followNodes(StackState state) {
        if (state.find(PROMETHEUS).isPresent()) {
            Prometheus.followNodes(layout, state);
        }
    }

    /** Ports and ids for the nodes {@code up} will start, recorded with pid 0 until launched. */
    private StackState planNodes(StackState state, Map<Service, Integer> counts) {
        for (Service s : List.of(Service.ORDER_SERVICE, Service.BAKING_WORKER, Service.NOTIFICATION_WORKER, Service.WEB_TIER)) {
            for (int n = 0; n < counts.getOrDefault(s, 0); n++) {
                state = state.with(planned(state, s));
            }
        }
        return state;
    }

    /** Two ports per node: the public one and the management one, neither held by the stack nor taken on the machine. */
    private Instance planned(StackState state, Service s) {
        return planned(state, s, state.release());
    }

    private Instance planned(StackState state, Service s, String release) {
        List<Integer> held = new ArrayList<>(state.ports());
        int port = PortPlan.next(settings.port(s.module()), held, Probes::free);
        held.add(port);
        int managementPort = PortPlan.next(settings.port("management." + s.module()), held, Probes::free);
        return new Instance(s.module(), s.nodeId(state.nextOrdinal(s)), 0, port, managementPort, null, null, release);
    }

    private StackState launchNodes(StackState state, List<Instance> planned) {
        for (Instance node : planned) {
            Service s = Service.parse(node.service());
            progress.step("starting " + node.id() + " on port " + node.port() + " (management " + node.managementPort() + ")");
            archive().markStart(node.id(), Instant.now());
            Map<String, String> env = nodeEnvironment(s, node.id(), node.port(), node.managementPort());
            if (node.release() != null) {
                // The node names the release it runs on /ops, as ./bakery status reads it from the node's command line.
                env.put("BAKERY_RELEASE", node.release());
            }
            Process p = StackProcesses.launch(nodeCommand(s, node.release()), env, layout.log(node.id()), layout.home());
            state = record(state, node.service(), node.id(), p, node.port(), node.managementPort());
        }
        return state;
    }

    /** The node runs its release's copy of the service; a stack recorded before releases existed runs the working tree's. */
    List<String> nodeCommand(Service s, String release) {
        List<String> command = new ArrayList<>();
        command.add(NodeLauncher.java());
        command.addAll(settings.words("node.java-options"));
        Path jar = release == null ? s.jar(layout.root()) : releases().jar(new Release(release), s);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    public Releases releases() {
        return new Releases(layout);
    }

    /**
     * The release's schema migration, run once to its end before any order-service node of it starts
     * (the nodes only validate); a failed one stops the caller with the tail of its log.
     */
    public void migrate(Release release) {
        progress.step("migrating the schema for release " + release.name() + " (order-service, once)");
        Instant began = Instant.now();
        String runId = Service.ORDER_SERVICE.module() + "-migrate";
        new Migration(layout.log(runId), layout.home(), settings.duration("migration-timeout")).run(
                nodeCommand(Service.ORDER_SERVICE, release.name()), nodeEnvironment(Service.ORDER_SERVICE, runId, 0, 0));
        progress.step(String.format("schema migrated for %s (%.1f s; log %s)", release.name(),
                Duration.between(began, Instant.now()).toMillis() / 1000.0, layout.log(runId)));
    }

    /** Each node learns every address from the environment, as on compose and Kubernetes. */
    Map<String, String> nodeEnvironment(Service s, String id, int port, int managementPort) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        // Also Quarkus' own names for them, so a service that does not map HTTP_PORT yet cannot clash.
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // Only nginx faces the network: nodes, order-service's API and every /q/* answer on the loopback alone.
        env.put("QUARKUS_HTTP_HOST", LOOPBACK);
        env.put("QUARKUS_MANAGEMENT_HOST", LOOPBACK);
        // Where the web nodes' /ops reaches this node's management interface to drain it.
        env.put("NODE_ADDRESS", LOOPBACK);
        env.put("NODE_ID", id);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TOPIC_PARTITIONS", settings.text("kafka.partitions"));
        env.put("REDIS_URL", redis.url());
        env.put("DB_URL", postgres.reactiveUrl());
        env.put("DB_JDBC_URL", postgres.jdbcUrl());
        env.put("DB_USER", postgres.user());
        env.put("DB_PASSWORD", postgres.password());
        env.put("ORDER_SERVICE_URL", "http://" + LOOPBACK + ":" + settings.port("order-service-balancer"));
        env.put("SMTP_HOST", LOOPBACK);
        env.put("SMTP_PORT", Integer.toString(settings.port("smtp")));
        if (s == Service.ORDER_SERVICE) {
            // The release's migration ran once before (migrate); a node racing the others at start could
            // change the schema under the release before it.
            env.putAll(Migration.FLEET_NODE);
        }
        if (s == Service.WEB_TIER) {
            // Web nodes refuse to start without these: the stack's own cookie key and the demo accounts.
            env.put("AUTH_ENCRYPTION_KEY", CookieKey.of(layout.cookieKey()));
            env.put("STAFF_PASSWORD_HASH", settings.text("demo.staff-password-hash"));
            env.put("OPS_PASSWORD_HASH", settings.text("demo.ops-password-hash"));
            env.putAll(settings.environment("web.environment"));
        }
        return env;
    }

    private StackState record(StackState state, String service, String id, Process process, int port) {
        return record(state, service, id, process, port, 0);
    }

    private StackState record(StackState state, String service, String id, Process process, int port, int managementPort) {
        Instant processStart = process.info().startInstant().orElse(Pids.startOf(process.pid()).orElse(null));
        String release = state.find(id).map(Instance::release).orElse(null);
        StackState next = state
                .with(new Instance(service, id, process.pid(), port, managementPort, Instant.now(), processStart, release));
        stateFile.save(next);
        return next;
    }

    // ---- readiness ------------------------------------------------------------------------------

    public boolean running(Instance i) {
        return Pids.isRunning(i.pid(), i.processStart());
    }

    public boolean ready(Instance i) {
        return switch (i.service()) {
            case KAFKA -> probes.kafkaAnswers(kafka.bootstrapServers());
            case POSTGRES -> postgres.ready();
            case REDIS -> probes.answers(i.port(), "PING", "+PONG");
            case SMTP -> probes.answers(i.port(), null, "220");
            case Balancer.NAME -> probes.listening(i.port());
            case PROMETHEUS -> probes.httpStatus(i.port(), Prometheus.READY_PATH) == 200;
            case GRAFANA -> probes.httpStatus(i.port(), Grafana.READY_PATH) == 200;
            default -> probes.httpReady(i.managementPort());
        };
    }

    /** An instance of the stack as the readiness wait sees it. */
    private record Starting(LocalStack stack, Instance instance) implements ReadinessWait.Starting {
        @Override
        public String name() {
            return instance.id();
        }

        @Override
        public boolean ready() {
            return stack.ready(instance);
        }

        @Override
        public boolean running() {
            return stack.running(instance);
        }

        @Override
        public Path log() {
            return stack.layout().log(instance.id());
        }
    }

    /**
     * Waits until every given instance is ready, reporting each as it becomes so (the one readiness
     * wait, {@link ReadinessWait}: it fails at the first that exits or overruns the deadline).
     * Returns each node's time from the call (just after launch) to ready, as the probe saw it.
     */
    Map<String, Duration> awaitReady(StackState state, List<Instance> instances) {
        try {
            return new ReadinessWait(settings.duration("ready-timeout"), settings.duration("probe-interval")).await(
                    instances.stream().map(i -> new Starting(this, i)).toList(),
                    (s, after) -> progress.step(String.format("%-22s ready on port %d (%.1f s)", s.name(),
                            s.instance().port(), after.toMillis() / 1000.0)));
        } catch (ReadinessWait.NotReady e) {
            throw new StackException(e.getMessage(), e);
        }
    }

    // ---- scale ----------------------------------------------------------------------------------

    public StackState requireRunning() {
        return stateFile.load().filter(s -> s.instances().stream().anyMatch(this::running))
                .orElseThrow(() -> new StackException("The bakery is not running: start it with ./bakery up"));
    }

    /**
     * Adds or removes nodes until the service has {@code target}; removal drains (SIGTERM) and web
     * nodes leave nginx first. Returns the launch-to-ready time of each node added.
     */
    public Map<String, Duration> scale(Service service, int target) {
        if (target < 0) {
            throw new StackException("an instance count cannot be negative");
        }
        try (var lock = stateFile.lock()) {
            return scaleHeld(service, target);
        }
    }

    /**
     * Keeps the service at the count the state lists: each listed node that died is archived and replaced
     * (the stack's controller, {@code ./bakery autoscale}, calls this). Decided under the state's lock, so a
     * node a scale-in is stopping is never taken for a dead one. Returns the replacements' start times.
     */
    public Map<String, Duration> replaceDead(Service service) {
        try (var lock = stateFile.lock()) {
            List<Instance> listed = requireRunning().nodes(service);
            if (listed.stream().allMatch(this::running)) {
                return Map.of();
            }
            return scaleHeld(service, listed.size());
        }
    }

    private Map<String, Duration> scaleHeld(Service service, int target) {
        Map<String, Duration> added = Map.of();
        StackState state = dropVanished(requireRunning(), service);
        Balancer balancer = new Balancer(Nginx.find().orElseThrow(() -> new StackException(Nginx.installHint())), layout,
                settings);
        List<Instance> nodes = state.nodes(service);
        if (target > nodes.size()) {
            List<Instance> planned = new ArrayList<>();
            for (int n = nodes.size(); n < target; n++) {
                Instance p = planned(state, service);
                planned.add(p);
                state = state.with(p);
            }
            state = launchNodes(state, planned);
            final StackState launched = state;
            added = awaitReady(state, planned.stream().map(p -> launched.find(p.id()).orElseThrow()).toList());
            if (fronted(service)) {
                balancer.follow(state, drainOfReload(), settings.duration("probe-interval"));
                progress.step(
                        "nginx now balances over " + state.nodes(service).size() + " " + service.module() + " node(s)");
            }
        } else if (target < nodes.size()) {
            List<Instance> leaving = new ArrayList<>(nodes.subList(target, nodes.size()));
            StackState after = state;
            for (Instance i : leaving) {
                after = after.without(i.id());
            }
            if (fronted(service)) {
                balancer.follow(after, drainOfReload(), settings.duration("probe-interval"));
                progress.step("nginx no longer sends requests to " + ids(leaving));
            }
            progress.step("draining " + ids(leaving) + " (SIGTERM: finish work, commit, leave the group)");
            stopArchived(leaving, "scaled in");
            state = after;
            stateFile.save(state);
        }
        followNodes(state);
        progress.step(service.module() + ": " + state.nodes(service).size() + " node(s) " + ids(state.nodes(service)));
        return added;
    }

    private StackState dropVanished(StackState state, Service service) {
        for (Instance i : state.nodes(service)) {
            if (!running(i)) {
                progress.step(i.id() + " is no longer running; it no longer counts");
                keep(i, false, "found no longer running (crashed or killed) before a replacement");
                state = state.without(i.id());
            }
        }
        stateFile.save(state);
        return state;
    }

    /** A service nginx sends requests to (and whose 5xx answers an upgrade watches). */
    public static boolean fronted(Service s) {
        return s == Service.WEB_TIER || s == Service.ORDER_SERVICE;
    }

    private Duration drainOfReload() {
        return settings.duration("stop-timeout");
    }

    static String ids(List<Instance> nodes) {
        return nodes.stream().map(Instance::id).toList().toString();
    }

    // ---- upgrade steps --------------------------------------------------------------------------

    /**
     * One more node of {@code service}, run from {@code release}: started, waited for until ready and,
     * for a fronted service, put into nginx. A node that does not become ready is archived, stopped
     * and forgotten before the failure is thrown, so the stack is as it was.
     */
    public Instance startNode(Service service, Release release) {
        if (!releases().kept(release)) {
            throw new StackException("the release " + release.name() + " is not kept in " + releases().dir());
        }
        try (var lock = stateFile.lock()) {
            StackState state = requireRunning();
            Instance planned = planned(state, service, release.name());
            state = launchNodes(state.with(planned), List.of(planned));
            Instance launched = state.find(planned.id()).orElseThrow();
            try {
                awaitReady(state, List.of(launched));
            } catch (StackException e) {
                stopArchived(List.of(launched), "not ready when started from " + release.name());
                stateFile.save(state.without(launched.id()));
                throw e;
            }
            if (fronted(service)) {
                balancer().follow(state, drainOfReload(), settings.duration("probe-interval"));
                progress.step("nginx now also sends requests to " + launched.id());
            }
            followNodes(state);
            return launched;
        }
    }

    /**
     * Stops a node for good: out of nginx first when fronted (its in-flight requests finish), then
     * archived and stopped gracefully (SIGTERM: a consumer finishes what it holds, commits and leaves
     * its group).
     */
    public void retire(Instance node, String reason) {
        try (var lock = stateFile.lock()) {
            StackState after = requireRunning().without(node.id());
            Service service = Service.parse(node.service());
            if (fronted(service)) {
                balancer().follow(after, drainOfReload(), settings.duration("probe-interval"));
                progress.step("nginx no longer sends requests to " + node.id());
            }
            stopArchived(List.of(node), reason);
            stateFile.save(after);
            followNodes(after);
        }
    }

    /** Records that new nodes start from {@code release} from now on, and the release before it for rollback. */
    public StackState moveTo(Release release) {
        try (var lock = stateFile.lock()) {
            StackState after = requireRunning().movedTo(release.name());
            stateFile.save(after);
            return after;
        }
    }

    // ---- drain ----------------------------------------------------------------------------------

    /**
     * Takes a node out of rotation and keeps it running for diagnosis. A web node leaves nginx's
     * upstream: the reload lets its in-flight requests finish, and nginx closes the live streams it
     * still carries after its {@code worker_shutdown_timeout}, so their browsers reconnect to another
     * node. A worker or order-service node leaves its consumer groups through its management port
     * ({@link RotationControl}): its partitions move to the other nodes of its service, the work in
     * hand finishes, and its readiness says DOWN until it is undrained.
     */
    public void drain(String nodeId) {
        try (var lock = stateFile.lock()) {
            StackState state = requireRunning();
            Instance node = serviceNode(state, nodeId);
            if (state.isDrained(nodeId)) {
                progress.step(nodeId + " is already out of rotation");
                return;
            }
            StackState after = state.drain(nodeId);
            if (node.isService(Service.WEB_TIER)) {
                if (Balancer.addresses(after, Service.WEB_TIER).isEmpty()) {
                    throw new StackException("draining " + nodeId
                            + " would leave no web node in rotation: start another first (./bakery scale web=N)");
                }
                stateFile.save(after);
                balancer().follow(after, drainOfReload(), settings.duration("probe-interval"));
                progress.step(node.id() + " is out of rotation: nginx sends it no more requests; it keeps running for"
                        + " diagnosis (./bakery collect " + node.id() + ", ./bakery undrain " + node.id() + ")");
                return;
            }
            if (!running(node)) {
                throw new StackException(nodeId + " is not running; ./bakery scale replaces it");
            }
            boolean othersServe = after.instances().stream()
                    .anyMatch(i -> i.service().equals(node.service()) && !after.isDrained(i.id()) && running(i));
            if (!othersServe) {
                throw new StackException("draining " + nodeId + " would leave no " + node.service()
                        + " node in its consumer groups: start another first (./bakery scale " + node.service() + "=N)");
            }
            progress.step("asking " + nodeId + " to leave its consumer groups once the work in hand is done");
            String answer = rotation().drain(node);
            stateFile.save(after);
            progress.step(nodeId + " is out of rotation: its partitions moved to the other " + node.service()
                    + " nodes; it keeps running for diagnosis (./bakery collect " + nodeId + ", ./bakery undrain " + nodeId
                    + "); it says " + answer);
        }
    }

    /** Puts a drained node back: a web node into nginx's upstream once it answers ready, a consumer into its groups. */
    public void undrain(String nodeId) {
        try (var lock = stateFile.lock()) {
            StackState state = requireRunning();
            Instance node = serviceNode(state, nodeId);
            if (!state.isDrained(nodeId)) {
                progress.step(nodeId + " is already in rotation");
                return;
            }
            StackState after = state.undrain(nodeId);
            if (node.isService(Service.WEB_TIER)) {
                if (!running(node) || !ready(node)) {
                    throw new StackException(
                            nodeId + " is not ready, so it stays out of rotation; see ./bakery logs " + nodeId);
                }
                stateFile.save(after);
                balancer().follow(after, drainOfReload(), settings.duration("probe-interval"));
                progress.step(nodeId + " is back in rotation");
                return;
            }
            if (!running(node)) {
                throw new StackException(nodeId + " is not running, so it stays out of rotation; ./bakery scale replaces it");
            }
            rotation().undrain(node);
            awaitReady(after, List.of(node));
            stateFile.save(after);
            progress.step(nodeId + " is back in rotation: it joined its consumer groups again");
        }
    }

    private Instance serviceNode(StackState state, String nodeId) {
        return state.find(nodeId).filter(LocalStack::isServiceNode)
                .orElseThrow(() -> new StackException("no node " + nodeId + " in this stack; its nodes are "
                        + ids(state.instances().stream().filter(LocalStack::isServiceNode).toList())));
    }

    private RotationControl rotation() {
        return new RotationControl(settings.duration("probe-timeout"), settings.duration("rotation-timeout"));
    }

    private Balancer balancer() {
        return new Balancer(Nginx.find().orElseThrow(() -> new StackException(Nginx.installHint())), layout, settings);
    }

    // ---- chaos ----------------------------------------------------------------------------------

    /** SIGKILL, as in a crash: no drain, nothing committed. The next {@link #scale} notices the node is gone. */
    void kill(Instance node) {
        ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Pids.awaitExit(node.pid(), node.processStart(), settings.duration("stop-timeout"), settings.duration("probe-interval"));
    }

    /**
     * Stops a server the way its own shutdown does (PostgreSQL: fast shutdown, which ends the
     * services' open sessions), keeps it down for {@code down}, starts it again on the same data and
     * port and waits until it is ready.
     */
    void restartServer(String name, Duration down) {
        try (var lock = stateFile.lock()) {
            StackState state = requireRunning();
            Instance server = state.find(name).orElseThrow(() -> new StackException("the stack runs no " + name));
            Instant stopped = Instant.now();
            if (name.equals(POSTGRES)) {
                signal(server.pid(), "INT");
                Pids.awaitExit(server.pid(), server.processStart(), settings.duration("stop-timeout"),
                        settings.duration("probe-interval"));
            } else {
                Pids.stop(server.pid(), server.processStart(), settings.duration("stop-timeout"),
                        settings.duration("probe-interval"));
            }
            progress.step(name + " stopped; starting it again in " + down.toSeconds() + " s");
            Duration left = down.minus(Duration.between(stopped, Instant.now()));
            if (!left.isNegative()) {
                Pids.pause(left);
            }
            state = state.without(name);
            state = switch (name) {
                case KAFKA -> record(state, KAFKA, KAFKA, kafka.launch(), kafka.port());
                case REDIS -> record(state, REDIS, REDIS, redis.launch(), redis.port());
                case POSTGRES -> {
                    long postmaster = postgres.start(settings.duration("ready-timeout"));
                    StackState next = state.with(new Instance(POSTGRES, POSTGRES, postmaster, postgres.port(), Instant.now(),
                            Pids.startOf(postmaster).orElse(null)));
                    stateFile.save(next);
                    yield next;
                }
                default ->
                    throw new StackException("cannot restart " + name + "; one of " + KAFKA + ", " + POSTGRES + ", " + REDIS);
            };
            awaitReady(state, List.of(state.find(name).orElseThrow()));
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Pids.signal(pid, signal);
        } catch (RuntimeException e) {
            throw new StackException("could not signal process " + pid + ": " + e.getMessage(), e);
        }
    }

    // ---- down -----------------------------------------------------------------------------------

    /** Stops everything: balancer first, then the services (they drain into Kafka), then the servers, Kafka last. */
    public int down() {
        try (var lock = stateFile.lock()) {
            StackState state = stateFile.load().orElse(null);
            if (state == null) {
                int leftovers = stopOrphanedPostgres();
                progress.step(
                        leftovers > 0 ? "stopped a PostgreSQL left running" : "nothing to stop: the bakery is not running");
                return 0;
            }
            int stopped = stopAll(state);
            stateFile.delete();
            return stopped;
        }
    }

    int stopAll(StackState state) {
        List<List<String>> waves = List.of(
                List.of(Balancer.NAME, GRAFANA, PROMETHEUS),
                // With nginx gone no request reaches a web node, so all services drain at once.
                List.of(Service.WEB_TIER.module(), Service.ORDER_SERVICE.module(), Service.BAKING_WORKER.module(),
                        Service.NOTIFICATION_WORKER.module()),
                List.of(SMTP, REDIS, POSTGRES),
                List.of(KAFKA));
        int stopped = 0;
        for (List<String> wave : waves) {
            List<Instance> group = state.instances().stream().filter(i -> wave.contains(i.service()) && running(i)).toList();
            if (!group.isEmpty()) {
                progress.step("stopping " + ids(group));
                if (group.stream().allMatch(LocalStack::isServiceNode)) {
                    stopArchived(group, "stack stopped");
                } else {
                    stopInParallel(group);
                }
                stopped += group.size();
            }
        }
        stopped += stopOrphanedPostgres();
        return stopped;
    }

    /** pg_ctl detaches the server; if its pid was not recorded (up interrupted) the data folder still names it. */
    private int stopOrphanedPostgres() {
        long pid = postgres.postmasterPid();
        Instant start = pid > 0 ? Pids.startOf(pid).orElse(null) : null;
        if (start != null && Pids.isRunning(pid, start)
                && ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("postgres")).orElse(false)) {
            Pids.stop(pid, start, settings.duration("stop-timeout"), settings.duration("probe-interval"));
            return 1;
        }
        return 0;
    }

    // ---- archive --------------------------------------------------------------------------------

    NodeArchive archive() {
        return new NodeArchive(layout, probes, settings.duration("archive.thread-dump-timeout"));
    }

    static boolean isServiceNode(Instance i) {
        return i.managementPort() > 0;
    }

    /**
     * {@code ./bakery collect NODE}: archives a node's thread dump, metrics and log now, leaving it
     * running. Returns the archive folder.
     */
    public Path collect(String nodeId) {
        try (var lock = stateFile.lock()) {
            StackState state = requireRunning();
            Instance node = state.find(nodeId).filter(LocalStack::isServiceNode)
                    .orElseThrow(() -> new StackException("no node " + nodeId + " in this stack; its nodes are "
                            + ids(state.instances().stream().filter(LocalStack::isServiceNode).toList())));
            return keep(node, running(node), "collected on demand");
        }
    }

    /** One node's archive, complete: state (when alive) and log. */
    private Path keep(Instance node, boolean alive, String reason) {
        NodeArchive archive = archive();
        Path folder = archive.takeState(node, alive, reason, Instant.now());
        archive.keepLog(folder, node);
        progress.step(String.format("%-22s archived in %s", node.id(), folder));
        return folder;
    }

    /**
     * Stops service nodes the way {@link #stopInParallel} does, first keeping each one's thread dump
     * and metrics, then its log with the shutdown in it.
     */
    private void stopArchived(List<Instance> nodes, String reason) {
        NodeArchive archive = archive();
        Map<Instance, Path> folders = new LinkedHashMap<>();
        CompletableFuture.allOf(nodes.stream().map(i -> CompletableFuture.runAsync(() -> {
            Path folder = archive.takeState(i, running(i), reason, Instant.now());
            synchronized (folders) {
                folders.put(i, folder);
            }
        })).toArray(CompletableFuture[]::new)).join();
        stopInParallel(nodes);
        folders.forEach((node, folder) -> {
            archive.keepLog(folder, node);
            progress.step(String.format("%-22s archived in %s", node.id(), folder));
        });
    }

    private void stopInParallel(List<Instance> instances) {
        Duration grace = settings.duration("stop-timeout");
        Duration poll = settings.duration("probe-interval");
        CompletableFuture.allOf(instances.stream().map(i -> CompletableFuture.runAsync(() -> {
            Instant began = Instant.now();
            boolean graceful = Pids.stop(i.pid(), i.processStart(), grace, poll);
            progress.step(String.format("%-22s %s (%.1f s)", i.id(),
                    graceful ? "stopped" : "did not stop within " + grace.toSeconds() + " s: killed",
                    Duration.between(began, Instant.now()).toMillis() / 1000.0));
        })).toArray(CompletableFuture[]::new)).join();
    }
}
