package bakery.servers.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the kernel says about a process. Processes of the stack outlive the command that started
 * them and are reparented; where nobody reaps them they linger as zombies, which count as gone.
 */
public final class Pids {

    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture the bakery runs on. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private Pids() {
    }

    public static Optional<Instant> startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    }

    /** True while the process runs and is the one we started (same kernel start time). */
    public static boolean isRunning(long pid, Instant processStart) {
        if (pid <= 0 || isZombie(pid)) {
            return false;
        }
        Optional<Instant> start = startOf(pid);
        return start.isPresent() && (processStart == null || start.get().equals(processStart));
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may hold spaces.
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) == 'Z' || afterName.charAt(0) == 'X';
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).isEmpty();
        }
    }

    /** Resident set size in kB from {@code /proc/<pid>/status}, when the process runs. */
    public static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return OptionalLong.empty();
    }

    /**
     * CPU time the process used, user and system, with that of its children it has waited for (a
     * PostgreSQL backend that ended), in ms, from {@code /proc/<pid>/stat}; empty when it is gone.
     */
    public static OptionalLong cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (in parentheses, may hold spaces): state is the 3rd field of
            // the line, utime, stime, cutime and cstime the 14th to 17th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return OptionalLong.of(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** SIGTERM, then wait up to {@code grace}, then SIGKILL. Returns true when it ended by itself. */
    public static boolean stop(long pid, Instant processStart, Duration grace, Duration poll) {
        if (!isRunning(pid, processStart)) {
            return true;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (awaitExit(pid, processStart, grace, poll)) {
            return true;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(pid, processStart, grace, poll);
        return false;
    }

    public static boolean awaitExit(long pid, Instant processStart, Duration timeout, Duration poll) {
        Instant deadline = Instant.now().plus(timeout);
        while (isRunning(pid, processStart)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause(poll);
        }
        return true;
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code INT}, ...) with the system's {@code kill}: Java
     * itself only sends TERM and KILL.
     */
    public static void signal(long pid, String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not signal process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
