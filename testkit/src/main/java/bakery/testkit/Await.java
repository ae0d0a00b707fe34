package bakery.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;

/**
 * The one way tests wait: poll a condition until it holds or a deadline passes, never a bare sleep.
 * Deadlines are generous because CI machines are shared; a passing test returns as soon as it can.
 */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    public static ConditionFactory within(Duration deadline, String what) {
        return Awaitility.await(what)
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(50))
                .pollDelay(Duration.ZERO)
                .ignoreExceptions();
    }

    public static void until(String what, Callable<Boolean> condition) {
        within(DEFAULT, what).until(condition);
    }

    public static <T> T until(String what, Callable<T> supplier, Predicate<? super T> accepted) {
        return within(DEFAULT, what).until(supplier, accepted::test);
    }

    /** Waits until the assertions in {@code check} pass, and reports the last failure if they never do. */
    public static void untilAsserted(String what, ThrowingRunnable check) {
        within(DEFAULT, what).untilAsserted(check);
    }
}
