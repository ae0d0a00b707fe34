package bakery.servers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

class PidsTest {

    @Test
    void theCpuReadFromProcAgreesWithTheJvmsOwnCount() {
        var jvm = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long pid = ProcessHandle.current().pid();
        long before = Pids.cpuMillis(pid).orElseThrow();
        long burnt = burn(300);

        long read = Pids.cpuMillis(pid).orElseThrow();
        long jvmSays = jvm.getProcessCpuTime() / 1_000_000;

        assertThat(read - before).as("CPU ms used while burning %d ms", burnt).isGreaterThanOrEqualTo(burnt - 20);
        // /proc counts in ticks of 10 ms; the JVM's figure is read a moment later, from the same kernel accounting.
        assertThat((double) read).isCloseTo(jvmSays, within(100.0));
    }

    @Test
    void aProcessThatIsGoneHasNoCpu() {
        assertThat(Pids.cpuMillis(Long.MAX_VALUE)).isEmpty();
    }

    /** Busy on this thread for {@code millis} of its own CPU time. */
    private static long burn(long millis) {
        var threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < millis * 1_000_000) {
            for (int i = 0; i < 10_000; i++) {
                sink += Math.sqrt(i + sink % 7);
            }
        }
        assertThat(sink).isPositive();
        return (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
    }
}
