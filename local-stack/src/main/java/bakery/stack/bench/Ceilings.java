package bakery.stack.bench;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figure each limit-measuring tool prints: wrk, Kafka's ProducerPerformance, redis-benchmark. */
public final class Ceilings {

    private static final Pattern WRK = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_REQUESTS = Pattern.compile("([0-9]+) requests in ");
    private static final Pattern PRODUCER = Pattern.compile("\\d+ records sent, ([0-9.]+) records/sec");
    private static final String REDIS = "^%s: ([0-9.]+) requests per second";

    private Ceilings() {
    }

    public static OptionalDouble wrkRequestsPerSecond(String output) {
        return last(WRK.matcher(output));
    }

    /** How many requests wrk completed: {@code 123456 requests in 10.00s, 45.6MB read}. */
    public static OptionalDouble wrkRequests(String output) {
        return last(WRK_REQUESTS.matcher(output));
    }

    /** ProducerPerformance prints a line per window and the total last; the total is the figure. */
    public static OptionalDouble producerRecordsPerSecond(String output) {
        return last(PRODUCER.matcher(output));
    }

    /** redis-benchmark -q prints one line per test, e.g. {@code SET: 129870.13 requests per second, p50=0.191 msec}. */
    public static OptionalDouble redisPerSecond(String output, String test) {
        // -q rewrites its progress line with carriage returns; the final figure follows the last one.
        String cleaned = output.replace('\r', '\n');
        return last(Pattern.compile(String.format(REDIS, Pattern.quote(test)), Pattern.MULTILINE).matcher(cleaned));
    }

    private static OptionalDouble last(Matcher m) {
        Double value = null;
        while (m.find()) {
            value = Double.parseDouble(m.group(1));
        }
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
