package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
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
import bakery.load.flow.TopicHistory;
import bakery.stack.process.Pids;
import bakery.stack.process.StackSettings;

@Command(name = "chaos", description = "Breaks the running bakery under steady load (kill-baker, kill-web, restart-kafka, stop-postgres, stop-redis, scale-bakers) and ends with a verdict line: lost=N duplicated=N ...; exit code 1 when something was lost or duplicated.")
final class ChaosCommand implements Callable<Integer> {

    private static final Set<OrderStatus> SETTLED = EnumSet.of(OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.REJECTED,
            OrderStatus.CANCELLED);

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
                System.out.println(s.label());
            }
            return 0;
        }
        if (scenario == null) {
            throw new StackException("name a scenario: ./bakery chaos SCENARIO (./bakery chaos --list names them)");
        }
        ChaosScenario chosen = ChaosScenario.parse(scenario);
        LocalStack stack = BakeryCommand.stack();
        StackSettings s = stack.settings;
        stack.requireRunning();
        Duration span = duration != null ? StackSettings.parseDuration(duration) : s.duration("chaos.duration");
        Instant from = Instant.now();
        stack.progress.step("chaos " + chosen.label() + ": " + chosen.description());
        SteadyLoad load = new SteadyLoad(
                new SteadyLoad.Settings("http://localhost:" + s.port("balancer"), s.text("session-cookie"),
                        s.number("chaos.shoppers"), s.number("chaos.carts"), s.duration("chaos.pace"),
                        s.duration("chaos.request-timeout"),
                        s.duration("chaos.checkout-retry"), s.number("chaos.max-quantity")));
        try {
            load.start();
            Pids.pause(s.duration("chaos.warm-up"));
            stack.progress.step("steady load: " + load.accepted().size() + " orders accepted so far; breaking things for "
                    + span.toSeconds() + " s");
            chosen.disturb(stack, span);
            stack.progress
                    .step("the stack is whole again; load goes on for " + s.duration("chaos.recovery").toSeconds() + " s");
            Pids.pause(s.duration("chaos.recovery"));
        } finally {
            load.stop();
        }
        Set<UUID> accepted = load.accepted();
        stack.progress.step("load stopped: " + accepted.size() + " orders accepted (202); waiting until each is settled");
        TopicHistory topics = new TopicHistory(stack.kafka.bootstrapServers(), s.duration("chaos.request-timeout"));
        List<OrderStatusChanged> changes = awaitSettled(stack, topics, from, accepted);
        List<Mails.Mail> mails = awaitMails(stack, from, changes, accepted);
        List<BakeEvent> bakes = topics.since(Topics.BAKE_EVENTS, from, new BakeEventDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
        List<CartCheck> carts = load.checkCarts();
        Verdict verdict = Verdict.of(accepted, changes, bakes, mails, carts, load.outcomes());
        System.out.println(verdict.line());
        return verdict.passed() ? 0 : 1;
    }

    private static List<OrderStatusChanged> awaitSettled(LocalStack stack, TopicHistory topics, Instant from,
            Set<UUID> accepted) {
        Instant deadline = Instant.now().plus(stack.settings.duration("chaos.settle-timeout"));
        while (true) {
            List<OrderStatusChanged> changes = statuses(topics, from);
            Set<UUID> settled = changes.stream().filter(c -> SETTLED.contains(c.status())).map(OrderStatusChanged::orderId)
                    .collect(Collectors.toSet());
            long open = accepted.stream().filter(id -> !settled.contains(id)).count();
            if (open == 0 || Instant.now().isAfter(deadline)) {
                stack.progress.step(open == 0 ? "every accepted order is settled"
                        : open + " orders not settled within " + stack.settings.text("chaos.settle-timeout"));
                return changes;
            }
            stack.progress.step(open + " of " + accepted.size() + " orders not settled yet");
            Pids.pause(stack.settings.duration("chaos.poll-interval"));
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
        Instant deadline = Instant.now().plus(stack.settings.duration("chaos.mail-timeout"));
        while (true) {
            List<Mails.Mail> mails = Mails.since(stack.layout.mail(), from);
            if (mails.stream().filter(m -> numbers.contains(m.orderNumber())).count() >= expected
                    || Instant.now().isAfter(deadline)) {
                return mails;
            }
            Pids.pause(stack.settings.duration("chaos.poll-interval"));
        }
    }

    private static List<OrderStatusChanged> statuses(TopicHistory topics, Instant from) {
        try {
            return topics.since(Topics.ORDERS_STATUS, from, new OrderStatusChangedDeserializer()).stream()
                    .map(ConsumerRecord::value).toList();
        } catch (RuntimeException kafkaNotBack) {
            return List.of();
        }
    }
}
