package bakery.stack.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import bakery.servers.kafka.ConsumerLag;
import bakery.servers.process.Pids;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;

/**
 * Before a measurement or a chaos run: every worker group of the bakery back at lag 0, so earlier
 * orders neither share the ovens nor count as this run's. Says what is left while it waits, and
 * refuses clearly when the backlog does not clear in time. A caller that judges only its own orders
 * (chaos) may go on past a standing backlog: records no group has committed past and none worked
 * off for a while, which are no work in the ovens.
 */
public final class IdleStack {

    /** How often the wait says what is left. */
    public static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private IdleStack() {
    }

    /** Waits for lag 0, however long (up to the timeout) a backlog stands still. */
    public static void await(LocalStack stack, String timeoutKey, String why) {
        await(stack, timeoutKey, null, why);
    }

    /**
     * @param timeoutKey the setting that bounds the wait
     * @param standingKey the setting after which a backlog that has not moved is left standing; null: never
     * @param why what the wait is for, in the refusal and the first line
     * @return the records left standing (0 when every group reached lag 0)
     */
    public static long await(LocalStack stack, String timeoutKey, String standingKey, String why) {
        StackSettings s = stack.settings();
        Instant deadline = Instant.now().plus(s.duration(timeoutKey));
        Instant nextReport = Instant.now();
        Instant lastMove = Instant.now();
        long lastPosition = -1;
        boolean said = false;
        try (ConsumerLag consumers = new ConsumerLag(stack.kafka().bootstrapServers(), s.duration("probe-timeout"))) {
            while (true) {
                List<ConsumerLag.TopicLag> groups;
                try {
                    groups = consumers.all().stream().filter(l -> Service.WORKER_GROUPS.contains(l.group())).toList();
                } catch (IllegalStateException slowBroker) {
                    // A loaded machine's broker may miss one answer: ask again, until the deadline.
                    if (Instant.now().isAfter(deadline)) {
                        throw new StackException("Kafka did not tell the consumer groups' lag within " + s.text(timeoutKey)
                                + ": " + slowBroker.getMessage(), slowBroker);
                    }
                    Pids.pause(s.duration("probe-interval"));
                    continue;
                }
                List<ConsumerLag.TopicLag> behind = groups.stream().filter(l -> l.lag() > 0).toList();
                if (behind.isEmpty()) {
                    if (said) {
                        stack.progress().step("every worker group is back at lag 0");
                    }
                    return 0;
                }
                String work = behind.stream().map(l -> l.group() + " " + l.topic() + " " + l.lag())
                        .collect(Collectors.joining(", "));
                long position = groups.stream().mapToLong(ConsumerLag.TopicLag::position).sum();
                if (position > lastPosition) {
                    lastPosition = position;
                    lastMove = Instant.now();
                } else if (standingKey != null && !Instant.now().isBefore(lastMove.plus(s.duration(standingKey)))) {
                    long standing = behind.stream().mapToLong(ConsumerLag.TopicLag::lag).sum();
                    stack.progress().step("going on past a standing backlog: lag " + work + " has not moved for "
                            + s.text(standingKey) + " (records a group does not commit past; ./bakery status shows it "
                            + "as not moving); this run judges its own orders only");
                    return standing;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new StackException("the bakery is still working off earlier orders (lag " + work + ") after "
                            + s.text(timeoutKey) + "; " + why
                            + ": wait until ./bakery status shows lag 0, or scale the workers up");
                }
                if (!Instant.now().isBefore(nextReport)) {
                    stack.progress()
                            .step((said ? "" : "the stack already has a backlog; " + why + ", so this waits for lag 0 first: ")
                                    + "lag " + work);
                    said = true;
                    nextReport = Instant.now().plus(REPORT_EVERY);
                }
                Pids.pause(s.duration("probe-interval"));
            }
        }
    }
}
