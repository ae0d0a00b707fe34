package bakery.stack.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import bakery.stack.process.Instance;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;

/**
 * How long nodes of more than one release served side by side: the stack's recorded nodes, read
 * every {@code interval} while a release change runs, the time between two readings counted when the
 * first of them saw two releases. Accurate to about one interval.
 */
public final class MixedReleases implements AutoCloseable {

    private final StateFile stateFile;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mixed-releases");
        t.setDaemon(true);
        return t;
    });
    private Instant lastReading;
    private boolean lastMixed;
    private Duration mixed = Duration.ZERO;

    private MixedReleases(StateFile stateFile) {
        this.stateFile = stateFile;
    }

    /** Starts reading the stack's state now, every {@code interval}, until closed. */
    public static MixedReleases watch(StateFile stateFile, Duration interval) {
        MixedReleases watch = new MixedReleases(stateFile);
        watch.read();
        watch.reader.scheduleAtFixedRate(watch::read, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Whether the state's service nodes run from more than one release. */
    public static boolean mixed(StackState state) {
        return state.instances().stream().map(Instance::release).filter(r -> r != null).distinct().count() > 1;
    }

    private synchronized void read() {
        Instant now = Instant.now();
        if (lastMixed) {
            mixed = mixed.plus(Duration.between(lastReading, now));
        }
        lastReading = now;
        try {
            lastMixed = stateFile.load().map(MixedReleases::mixed).orElse(false);
        } catch (RuntimeException unreadable) {
            // The state could not be read this once (the stack being stopped): the reading before it stands.
        }
    }

    /** The time seen mixed so far, in whole seconds (rounded). */
    public synchronized long seconds() {
        return Math.round(mixed.toMillis() / 1000.0);
    }

    /** Stops reading, after one last reading. */
    @Override
    public void close() {
        reader.shutdownNow();
        read();
    }
}
