package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import bakery.contracts.BakeEvent;
import bakery.contracts.OrderIds;
import bakery.contracts.OrderStatus;
import bakery.contracts.OrderStatusChanged;
import bakery.contracts.Topics;
import bakery.contracts.serde.BakeEventDeserializer;
import bakery.contracts.serde.OrderStatusChangedDeserializer;
import bakery.load.chaos.CartCheck;
import bakery.load.chaos.Mails;
import bakery.load.chaos.SteadyLoad;
import bakery.load.chaos.Verdict;
import bakery.load.chaos.Whereabouts;
import bakery.servers.kafka.ConsumerLag;
import bakery.servers.kafka.TopicReader;
import bakery.servers.process.Pids;
import bakery.stack.figures.KeyFigures;
import bakery.stack.orchestration.ChaosScenario;
import bakery.stack.orchestration.IdleStack;
import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.OrderPace;
import bakery.stack.orchestration.OrderSearch;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.process.StackState;
import bakery.stack.upgrade.MixedReleases;

@Command(name = "chaos", mixinStandardHelpOptions = true, description = "Breaks the running bakery under steady load (kill-baker, crash-baker, kill-web, restart-kafka, stop-postgres, stop-redis, scale-bakers), "
        + "or moves it to the working tree's release and back (upgrade), "
        + "sized to what its ovens bake, and ends with a verdict line: lost=N late=N duplicated=N ...; "
        + "exit code 1 when an order was lost or duplicated or a cart lost a change (late orders are still on their way). "
        + "upgrade ends with failed-requests=N lost=N duplicated=N carts-lost=N mixed-seconds=N and fails on any failed request too.")
final class ChaosCommand implements Callable<Integer> {

    private static final Set<OrderStatus> SETTLED = EnumSet.of(OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);
    /** Lost orders named one per line before the verdict; the count is in the verdict. */
    private static final int LOST_SHOWN = 10;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "one of ./bakery chaos --list")
    String scenario;
    @Option(names = "--list", description = "print the scenario names, one per line")
    boolean list;
    @Option(names = "--duration", description = "how long the scenario breaks things under load, e.g. 15s (default: chaos.duration)")
    String duration;

    @Override
    public Integer call() {
        if (list) {
            for (ChaosScenario s : ChaosScenario.values()) {
                if (s.listed()) {
                    System.out.println(s.label());
                }
            }
            return 0;
        }
        if (scenario == null) {
            throw new StackException("name a scenario: ./bakery chaos SCENARIO (./bakery chaos --list names them)");
        }
        ChaosScenario chosen = ChaosScenario.parse(scenario);
        LocalStack stack = BakeryCommand.stack();
        StackSettings s = stack.settings();
        StackState state = stack.requireRunning();
        Duration span = duration != null ? StackSettings.parseDuration(duration) : s.duration("chaos.duration");
        stack.progress().step("chaos " + chosen.label() + ": " + chosen.description());
        // Earlier orders still queued would share the ovens with this run's and keep its orders late.
        long standing = IdleStack.await(stack, "chaos.idle-timeout", "chaos.idle-standing",
                "a chaos run starts from an empty queue");
        OrderSearch search = new OrderSearch(stack);
        List<Integer> bakers = state.nodes(Service.BAKING_WORKER).stream().filter(stack::running).map(Instance::managementPort)
                .toList();
        OrderPace pace = OrderPace.of(new KeyFigures(s.duration("probe-timeout")).ovens(bakers), search.catalogBakeSeconds(),
                OrderPace.speedFactor(System.getenv("OVEN_SPEED_FACTOR")), Double.parseDouble(s.text("chaos.oven-share")),
                s.number("chaos.shoppers"));
        stack.progress().step(pace.describe());
        Instant from = Instant.now();
        SteadyLoad.Settings customers = new SteadyLoad.Settings("http://localhost:" + s.port("balancer"),
                s.text("session-cookie"),
                s.number("chaos.shoppers"), s.number("chaos.carts"), s.duration("chaos.pace"), pace.shopperInterval(),
                s.duration("chaos.request-timeout"),
                s.duration("chaos.checkout-retry"), s.number("chaos.max-quantity"));
        SteadyLoad load = new SteadyLoad(chosen.changesRelease()
                ? customers.withEveryone(SteadyLoad.Staff.of(s.text("demo.staff-login"), s.duration("chaos.pick-up-after")))
                : customers);
        long mixedSeconds = 0;
        try {
            load.start();
            Pids.pause(s.duration("chaos.warm-up"));
            stack.progress().step("steady load: " + load.accepted().size() + " orders accepted so far; breaking things for "
                    + span.toSeconds() + " s");
            MixedReleases mixed = MixedReleases.watch(stack.stateFile(), s.duration("probe-interval"));
            try {
                chosen.disturb(stack, span);
            } finally {
                mixed.close();
            }
            mixedSeconds = mixed.seconds();
            stack.progress()
                    .step("the stack is whole again; load goes on for " + s.duration("chaos.recovery").toSeconds() + " s");
            Pids.pause(s.duration("chaos.recovery"));
        } finally {
            load.stop();
        }
        Map<UUID, Instant> accepted = load.accepted();
        stack.progress().step("load stopped: " + accepted.size() + " orders accepted (202)"
                + (chosen.changesRelease() ? "; " + load.watchedAndServed() : "") + "; waiting until each is settled");
        TopicReader topics = new TopicReader(stack.kafka().bootstrapServers(), s.duration("chaos.request-timeout"));
        List<OrderStatusChanged> changes = awaitSettled(stack, topics, from, accepted.keySet(), standing);
        Instant waitEnded = Instant.now();
        Set<UUID> settled = settled(changes);
        Set<UUID> unsettled = accepted.keySet().stream().filter(id -> !settled.contains(id)).collect(Collectors.toSet());
        Map<UUID, Whereabouts> whereabouts = search.find(unsettled);
        // An order that moved on while it was looked for (out of a queue, into PostgreSQL as READY,
        // out of the outbox) is on orders.status by now: read it again, so it counts as settled.
        List<OrderStatusChanged> again = statuses(topics, from);
        if (again.size() >= changes.size()) {
            changes = again;
        }
        List<Mails.Mail> mails = awaitMails(stack, from, changes, accepted.keySet());
        List<BakeEvent> bakes = topics.since(Topics.BAKE_EVENTS, from, new BakeEventDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
        List<CartCheck> carts = load.checkCarts();
        Verdict verdict = Verdict.of(accepted, changes, bakes, mails, carts, load.outcomes(), whereabouts);
        whereabouts.entrySet().stream().filter(e -> e.getValue().lost()).limit(LOST_SHOWN)
                .forEach(e -> System.out.println("lost order " + OrderIds.number(e.getKey()) + " (" + e.getKey()
                        + "): not stored as waiting, in no queue, in no oven"));
        verdict.oldestLateLine(waitEnded).ifPresent(System.out::println);
        System.out.println(verdict.line());
        if (chosen.changesRelease()) {
            // Last, so a script reads it as the run's verdict: across a release change nobody may even see a request fail.
            System.out.println(verdict.releaseChangeLine(mixedSeconds));
            return verdict.passed() && verdict.failedRequests() == 0 ? 0 : 1;
        }
        return verdict.passed() ? 0 : 1;
    }

    private static Set<UUID> settled(List<OrderStatusChanged> changes) {
        return changes.stream().filter(c -> SETTLED.contains(c.status())).map(OrderStatusChanged::orderId)
                .collect(Collectors.toSet());
    }

    /**
     * Waits while the bakery still works on the accepted orders: until every one is settled, or
     * nothing is queued for any worker group any more beyond the {@code standing} records found before
     * the run (after {@code chaos.idle-grace}, for the outbox), or nothing moved for {@code chaos.settle-timeout} (a dead
     * baker's lease and consumer
     * session must expire first), or {@code chaos.drain-timeout} at the most. What is unsettled then
     * is judged by where it sits, not by the clock.
     */
    private static List<OrderStatusChanged> awaitSettled(LocalStack stack, TopicReader topics, Instant from,
            Set<UUID> accepted, long standing) {
        StackSettings s = stack.settings();
        Instant cap = Instant.now().plus(s.duration("chaos.drain-timeout"));
        Duration stall = s.duration("chaos.settle-timeout");
        Instant lastMove = Instant.now();
        Instant idleSince = null;
        Instant nextReport = Instant.now();
        long lastSettled = -1;
        long lastPosition = -1;
        try (ConsumerLag consumers = new ConsumerLag(stack.kafka().bootstrapServers(), s.duration("probe-timeout"))) {
            while (true) {
                List<OrderStatusChanged> changes = statuses(topics, from);
                Set<UUID> settled = settled(changes);
                long open = accepted.stream().filter(id -> !settled.contains(id)).count();
                if (open == 0) {
                    stack.progress().step("every accepted order is settled");
                    return changes;
                }
                List<ConsumerLag.TopicLag> queues = workerQueues(consumers);
                long queued = queues.stream().mapToLong(ConsumerLag.TopicLag::lag).sum();
                long position = queues.stream().mapToLong(ConsumerLag.TopicLag::position).sum();
                Instant now = Instant.now();
                if (settled.size() > lastSettled || position > lastPosition) {
                    lastMove = now;
                    lastSettled = settled.size();
                    lastPosition = Math.max(lastPosition, position);
                }
                // Records that stood in a queue before the run began are not this run's work.
                idleSince = queues.isEmpty() || queued > standing ? null : idleSince == null ? now : idleSince;
                if (idleSince != null && !now.isBefore(idleSince.plus(s.duration("chaos.idle-grace")))) {
                    stack.progress().step(open + " orders not settled, and nothing is queued for any worker group");
                    return changes;
                }
                if (!now.isBefore(lastMove.plus(stall))) {
                    stack.progress()
                            .step(open + " orders not settled, and nothing moved for " + s.text("chaos.settle-timeout"));
                    return changes;
                }
                if (now.isAfter(cap)) {
                    stack.progress()
                            .step(open + " orders not settled when chaos.drain-timeout (" + s.text("chaos.drain-timeout")
                                    + ") ran out; the queues were still moving");
                    return changes;
                }
                if (!now.isBefore(nextReport)) {
                    stack.progress().step(open + " of " + accepted.size() + " orders not settled yet; queued: "
                            + (queues.isEmpty()
                                    ? "Kafka did not answer"
                                    : queued == 0 ? "nothing"
                                            : queues.stream().filter(l -> l.lag() > 0)
                                                    .map(l -> l.group() + " " + l.topic() + " " + l.lag())
                                                    .collect(Collectors.joining(", "))));
                    nextReport = now.plus(IdleStack.REPORT_EVERY);
                }
                Pids.pause(s.duration("chaos.poll-interval"));
            }
        }
    }

    /** What the worker groups still have to do, by group and topic; empty while Kafka does not answer. */
    private static List<ConsumerLag.TopicLag> workerQueues(ConsumerLag consumers) {
        try {
            return consumers.all().stream().filter(l -> Service.WORKER_GROUPS.contains(l.group())).toList();
        } catch (RuntimeException kafkaNotBack) {
            return List.of();
        }
    }

    /** Waits until every settled order's e-mails are in the SMTP sink's folder, or the mail timeout. */
    private static List<Mails.Mail> awaitMails(LocalStack stack, Instant from, List<OrderStatusChanged> changes,
            Set<UUID> accepted) {
        long expected = changes.stream().filter(c -> accepted.contains(c.orderId()))
                .filter(c -> c.status() == OrderStatus.READY || c.status() == OrderStatus.REJECTED
                        || c.status() == OrderStatus.CANCELLED)
                .map(c -> c.orderId() + "/" + c.status()).distinct().count();
        Set<String> numbers = accepted.stream().map(OrderIds::number).collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(stack.settings().duration("chaos.mail-timeout"));
        while (true) {
            List<Mails.Mail> mails = Mails.since(stack.layout().mail(), from);
            if (mails.stream().filter(m -> numbers.contains(m.orderNumber())).count() >= expected
                    || Instant.now().isAfter(deadline)) {
                return mails;
            }
            Pids.pause(stack.settings().duration("chaos.poll-interval"));
        }
    }

    private static List<OrderStatusChanged> statuses(TopicReader topics, Instant from) {
        try {
            return topics.since(Topics.ORDERS_STATUS, from, new OrderStatusChangedDeserializer()).stream()
                    .map(ConsumerRecord::value).toList();
        } catch (RuntimeException kafkaNotBack) {
            return List.of();
        }
    }
}
