package bakery.baking.oven;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many orders hold a lease here, for the drain at closing time and for /q/metrics: slots in
 * use ({@code bakery.oven.in.oven}) against the slots there are ({@code bakery.oven.slots}).
 */
final class OvenLoad {

    private int inOven;
    private final Counter baked;
    private final Counter notBaked;
    private final Counter skipped;
    private final Counter busy;

    OvenLoad(MeterRegistry registry, int slots) {
        registry.gauge("bakery.oven.in.oven", this, OvenLoad::inOven);
        Gauge.builder("bakery.oven.slots", () -> slots).strongReference(true).register(registry);
        baked = registry.counter("bakery.oven.bakes", "outcome", "baked");
        notBaked = registry.counter("bakery.oven.bakes", "outcome", "not-baked");
        skipped = registry.counter("bakery.oven.bakes", "outcome", "already-baked");
        busy = registry.counter("bakery.oven.busy.orders");
    }

    synchronized void entered() {
        inOven++;
    }

    synchronized void left(boolean wasBaked) {
        inOven--;
        (wasBaked ? baked : notBaked).increment();
        notifyAll();
    }

    void skipped() {
        skipped.increment();
    }

    /** A request found its order leased by another bake attempt and waits at the oven door. */
    void foundBusy() {
        busy.increment();
    }

    synchronized int inOven() {
        return inOven;
    }

    /** Blocks the calling (shutdown) thread until no order is in the oven or the timeout passed. */
    synchronized boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inOven > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
