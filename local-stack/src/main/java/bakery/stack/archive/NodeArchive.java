package bakery.stack.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import bakery.servers.readiness.Probes;
import bakery.stack.process.Instance;
import bakery.stack.process.StackLayout;

/**
 * Keeps what a node knew before it goes: under {@code <home>/archive/<node>-<time>/} its log since
 * it started ({@value #LOG}), a thread dump ({@value #THREADS}, by {@code jcmd} while the JVM
 * lives), its last metrics page ({@value #METRICS}, from the management port) and what it was
 * ({@value #ABOUT}). Nodes reusing a name append to one log file; each start is marked there, so
 * the archive holds exactly one node's part of it.
 */
public record NodeArchive(StackLayout layout, Probes probes, Duration threadDumpTimeout) {

    public static final String LOG = "node.log";
    public static final String THREADS = "threads.txt";
    public static final String METRICS = "metrics.txt";
    public static final String ABOUT = "about.txt";
    static final String START_MARKER = "==== bakery: ";
    static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Writes the line that opens a node's part of its (shared, appended) log, just before it starts. */
    public void markStart(String nodeId, Instant at) {
        Path log = layout.log(nodeId);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, startLine(nodeId, at) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }

    static String startLine(String nodeId, Instant at) {
        return START_MARKER + nodeId + " starting at " + at + " ====";
    }

    /**
     * The thread dump and the metrics page of a node about to stop (or collected on demand), and
     * what it was; the log follows with {@link #keepLog} once it has stopped. A node no longer
     * running gets a note instead of each, saying why there is none.
     */
    public Path takeState(Instance node, boolean alive, String reason, Instant at) {
        Path folder = folderFor(node.id(), at);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(ABOUT), about(node, alive, reason, at));
            if (alive) {
                threadDump(node.pid(), folder.resolve(THREADS));
            } else {
                Files.writeString(folder.resolve(THREADS),
                        "no thread dump: the process was no longer running when it was archived (crashed or killed with SIGKILL)\n");
            }
            Files.writeString(folder.resolve(METRICS), alive ? metrics(node.managementPort())
                    : "no metrics: the process was no longer running when it was archived; Prometheus, when it runs, holds its earlier scrapes\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive " + folder, e);
        }
        return folder;
    }

    /** Copies the node's part of its log, from its last start marker on, into {@code folder}. */
    public void keepLog(Path folder, Instance node) {
        Path log = layout.log(node.id());
        try {
            List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
            int from = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(START_MARKER + node.id() + " ")) {
                    from = i;
                    break;
                }
            }
            Files.write(folder.resolve(LOG), lines.subList(from, lines.size()), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + log + " into " + folder, e);
        }
    }

    /** {@code <home>/archive/<node>-<UTC time>}; a second archive of the same node in the same millisecond gets a suffix. */
    Path folderFor(String nodeId, Instant at) {
        String name = nodeId + "-" + FOLDER_TIME.format(at);
        Path folder = layout.archive().resolve(name);
        for (int n = 2; Files.exists(folder); n++) {
            folder = layout.archive().resolve(name + "-" + n);
        }
        return folder;
    }

    private static String about(Instance node, boolean alive, String reason, Instant at) {
        return "node: " + node.id() + "\nservice: " + node.service() + "\npid: " + node.pid() + "\nport: " + node.port()
                + "\nmanagement-port: " + node.managementPort() + "\nstarted: " + node.startedAt() + "\narchived: " + at
                + "\nrunning-when-archived: " + alive + "\nreason: " + reason + "\n";
    }

    /**
     * {@code jcmd PID Thread.print} straight into {@code target}: the JDK's own tool, which leaves the
     * node's log as it is (unlike kill -3) and cannot hold the stop up longer than the timeout.
     */
    private void threadDump(long pid, Path target) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(target.toFile()).start();
            if (!p.waitFor(threadDumpTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                Files.writeString(target, "\nno thread dump: jcmd did not answer within " + threadDumpTimeout.toSeconds()
                        + " s\n", StandardOpenOption.APPEND);
            } else if (p.exitValue() != 0) {
                Files.writeString(target, "\nno thread dump: jcmd exited with " + p.exitValue() + "\n",
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            Files.writeString(target, "no thread dump: could not run " + jcmd + ": " + e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Files.writeString(target, "no thread dump: interrupted\n");
        }
    }

    private String metrics(int managementPort) {
        if (managementPort <= 0) {
            return "no metrics: this process has no management port\n";
        }
        URI page = URI.create("http://127.0.0.1:" + managementPort + "/q/metrics");
        try {
            Probes.Page answer = probes.page(page);
            return answer.status() == 200 ? answer.body() : "no metrics: " + page + " answered " + answer.status() + "\n";
        } catch (UncheckedIOException e) {
            return "no metrics: " + e.getMessage() + "\n";
        }
    }
}
