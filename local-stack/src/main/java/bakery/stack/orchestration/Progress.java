package bakery.stack.orchestration;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Lines that tell the person at the terminal what the stack is doing, with the time since the start. */
public final class Progress {

    private final PrintStream out;
    private final Instant start = Instant.now();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public synchronized void step(String what) {
        out.printf("[%5.1fs] %s%n", elapsed().toMillis() / 1000.0, what);
        out.flush();
    }

    public Duration elapsed() {
        return Duration.between(start, Instant.now());
    }
}
