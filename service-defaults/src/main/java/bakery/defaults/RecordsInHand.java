package bakery.defaults;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The records a consumer's handlers are working on right now: each handler's work is counted from
 * the moment it starts until it succeeds, fails or is cancelled. A node leaving its groups waits for
 * this to reach 0 ({@link ConsumerRotation}). Services whose work outlives the handler (the oven)
 * count it themselves.
 */
@ApplicationScoped
public class RecordsInHand implements WorkInHand {

    private final AtomicInteger inHand = new AtomicInteger();

    /** The handler's work, counted while it runs. */
    public <T> Uni<T> handle(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T> deferred(work)
                .onSubscription().invoke(inHand::incrementAndGet)
                .onTermination().invoke(inHand::decrementAndGet);
    }

    @Override
    public int inHand() {
        return inHand.get();
    }
}
