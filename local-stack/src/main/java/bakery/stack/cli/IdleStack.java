package bakery.stack.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import bakery.stack.process.Pids;
import bakery.stack.process.Service;
import bakery.stack.process.StackSettings;
import bakery.stack.scaling.ConsumerLag;

/**
 * Before a measurement or a chaos run: every worker group of the bakery back at lag 0, so earlier
 * orders neither share the ovens nor count as this run's. Says what is left while it waits, and
 * refuses clearly when the backlog does not clear in time.
 */
final class IdleStack {

    /** How often the wait says what is left. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private IdleStack() {
    }

    /**
     * @param timeoutKey the setting that bounds the wait
     * @param why what the wait is for, in the refusal and the first line
     */
    static void await(LocalStack stack, String timeoutKey, String why) {
        StackSettings s = stack.settings;
        Instant deadline = Instant.now().plus(s.duration(timeoutKey));
        Instant nextReport = Instant.now();
        boolean said = false;
        try (ConsumerLag consumers = new ConsumerLag(stack.kafka.bootstrapServers(), s.duration("probe-timeout"))) {
            while (true) {
                List<ConsumerLag.TopicLag> behind;
                try {
                    behind = consumers.all().stream().filter(l -> Service.WORKER_GROUPS.contains(l.group()) && l.lag() > 0)
                            .toList();
                } catch (IllegalStateException slowBroker) {
                    // A loaded machine's broker may miss one answer: ask again, until the deadline.
                    if (Instant.now().isAfter(deadline)) {
                        throw new StackException("Kafka did not tell the consumer groups' lag within " + s.text(timeoutKey)
                                + ": " + slowBroker.getMessage(), slowBroker);
                    }
                    Pids.pause(s.duration("probe-interval"));
                    continue;
                }
                if (behind.isEmpty()) {
                    if (said) {
                        stack.progress.step("every worker group is back at lag 0");
                    }
                    return;
                }
                String work = behind.stream().map(l -> l.group() + " " + l.topic() + " " + l.lag())
                        .collect(Collectors.joining(", "));
                if (Instant.now().isAfter(deadline)) {
                    throw new StackException("the bakery is still working off earlier orders (lag " + work + ") after "
                            + s.text(timeoutKey) + "; " + why
                            + ": wait until ./bakery status shows lag 0, or scale the workers up");
                }
                if (!Instant.now().isBefore(nextReport)) {
                    stack.progress
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
