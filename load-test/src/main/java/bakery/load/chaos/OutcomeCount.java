package bakery.load.chaos;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Requests of the steady load by outcome, counted from many threads. */
public final class OutcomeCount {

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    public OutcomeCount() {
        for (Outcome o : Outcome.values()) {
            counts.put(o, new LongAdder());
        }
    }

    void add(Outcome o) {
        counts.get(o).increment();
    }

    public Map<Outcome, Long> snapshot() {
        Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        counts.forEach((o, n) -> copy.put(o, n.sum()));
        return copy;
    }
}
