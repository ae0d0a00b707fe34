package bakery.servers.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import bakery.servers.process.Pids;

/**
 * The one readiness wait: polls what was just started until each is ready, and fails at the first
 * one that exits or overruns the deadline (a broken node does not keep you waiting for the others),
 * showing the last lines of its log.
 */
public final class ReadinessWait {

    /** Lines of a failed node's log shown with the error. */
    private static final int LOG_TAIL = 15;

    /** Something started that may not be ready yet: a server or a node. */
    public interface Starting {

        String name();

        boolean ready();

        boolean running();

        /** Where it logs; a failure shows the last lines. */
        Path log();
    }

    /** Something exited, or overran the deadline, before it was ready. */
    public static final class NotReady extends IllegalStateException {
        NotReady(String message) {
            super(message);
        }
    }

    private final Duration deadline;
    private final Duration poll;

    public ReadinessWait(Duration deadline, Duration poll) {
        this.deadline = deadline;
        this.poll = poll;
    }

    /**
     * Waits until every one is ready, telling {@code onReady} about each as it becomes so. Returns
     * each one's time from the call (just after launch) to ready, as the probe saw it, by name.
     */
    public <T extends Starting> Map<String, Duration> await(List<T> starting, BiConsumer<T, Duration> onReady) {
        Instant began = Instant.now();
        Instant giveUp = began.plus(deadline);
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        List<T> pending = new ArrayList<>(starting);
        while (!pending.isEmpty()) {
            for (T s : List.copyOf(pending)) {
                if (s.ready()) {
                    pending.remove(s);
                    Duration after = Duration.between(began, Instant.now());
                    readyAfter.put(s.name(), after);
                    onReady.accept(s, after);
                } else if (!s.running()) {
                    throw new NotReady(
                            s.name() + " exited before it was ready. Last lines of " + s.log() + ":\n" + tail(s.log()));
                } else if (Instant.now().isAfter(giveUp)) {
                    throw new NotReady(s.name() + " was not ready within " + deadline.toSeconds() + "s. Last lines of "
                            + s.log() + ":\n" + tail(s.log()));
                }
            }
            if (!pending.isEmpty()) {
                Pids.pause(poll);
            }
        }
        return readyAfter;
    }

    /** The last lines of a log, indented; a log that cannot be read says so. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "  (no log)";
        }
    }
}
