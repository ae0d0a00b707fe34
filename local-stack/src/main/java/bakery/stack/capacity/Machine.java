package bakery.stack.capacity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run measured on, so its figures are read against it: CPU, cores, memory, system, JDK, load at the start. */
public record Machine(String cpu, int cores, long memoryMb, String system, String java, double loadAverage) {

    public static Machine here() {
        return new Machine(field(Path.of("/proc/cpuinfo"), "model name", "unknown CPU"),
                Runtime.getRuntime().availableProcessors(),
                Long.parseLong(field(Path.of("/proc/meminfo"), "MemTotal", "0 kB").replaceAll("[^0-9]", "")) / 1024,
                field(Path.of("/etc/os-release"), "PRETTY_NAME", System.getProperty("os.name")).replace("\"", ""),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    public String describe() {
        return String.format("%s, %d cores, %d MB, %s, %s; load average %.2f at the start", cpu, cores, memoryMb, system,
                java, loadAverage);
    }

    /** The first {@code key: value} or {@code key=value} line's value. */
    static String field(Path file, String key, String otherwise) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int at = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
                    if (at > 0) {
                        return line.substring(at + 1).strip();
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Not a Linux machine, or not readable: say what is known.
        }
        return otherwise;
    }
}
