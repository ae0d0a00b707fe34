package bakery.contracts.scaling;

import java.util.List;
import java.util.Optional;

/**
 * One service in the capacity policy: the instance size it is priced at, its bounds ({@code min} is the
 * night floor; 0 lets it sleep until work waits) and the signal that adds instances.
 */
public record ServicePolicy(String name, String size, int min, int max, Signal signal) {

    public ServicePolicy {
        if (size == null || size.isBlank()) {
            throw new IllegalArgumentException(name + ": needs a size (a key of the price file)");
        }
        if (min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException(name + ": needs 0 <= min <= max and max >= 1, was min=" + min + " max=" + max);
        }
        if (signal == null) {
            throw new IllegalArgumentException(name + ": needs a signal (lag or cpu)");
        }
    }

    /** The lag rule this service follows between a floor and its max; only for a lag-scaled service. */
    public WorkerScaling lagRule(int floor) {
        if (!signal.lagScaled()) {
            throw new IllegalStateException(name + " scales on CPU, not on lag");
        }
        return new WorkerScaling(name, signal.consumerGroup(), signal.topics(), signal.lag(), Math.min(floor, max), max,
                Optional.empty());
    }

    static ServicePolicy of(String name, Entry e) {
        if (e == null || e.min() == null || e.max() == null) {
            throw new IllegalArgumentException(name + ": needs min and max");
        }
        return new ServicePolicy(name, e.size(), e.min(), e.max(), Signal.of(name, e.signal()));
    }

    /**
     * What adds instances: the lag of a consumer group ({@code lag} records waiting per instance, as KEDA's
     * Kafka scaler counts them) or the average CPU in percent (the HPA's utilisation target).
     */
    public record Signal(long lag, int cpu, String consumerGroup, List<String> topics) {

        public Signal {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        public boolean lagScaled() {
            return lag > 0;
        }

        static Signal of(String service, Signal s) {
            if (s == null || (s.lag() > 0) == (s.cpu() > 0)) {
                throw new IllegalArgumentException(
                        service + ": the signal is either lag (records per instance) or cpu (percent)");
            }
            if (s.lag() > 0 && (s.consumerGroup() == null || s.topics().isEmpty())) {
                throw new IllegalArgumentException(service + ": a lag signal names its consumerGroup and topics");
            }
            if (s.cpu() > 100) {
                throw new IllegalArgumentException(service + ": cpu is a percentage, was " + s.cpu());
            }
            return s;
        }

        /** How the signal reads in a plan. */
        public String describe(int max) {
            return lagScaled()
                    ? "+1 per " + lag + " records waiting for group " + consumerGroup + ", up to " + max
                    : "CPU kept near " + cpu + "%, up to " + max;
        }
    }

    record Entry(String size, Integer min, Integer max, Signal signal) {
    }
}
