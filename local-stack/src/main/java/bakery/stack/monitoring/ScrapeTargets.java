package bakery.stack.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bakery.stack.process.Instance;
import bakery.stack.process.Service;
import bakery.stack.process.StackState;
import bakery.stack.process.StateFile;

/**
 * Prometheus' file-based discovery lists for the nodes of a stack: one file per service, one entry
 * per node, at the node's management port (where /q/metrics answers). The {@code job} label makes each service its own scrape
 * job; {@code service} and
 * {@code node} name the target even when it does not answer (the {@code up} series).
 */
public final class ScrapeTargets {

    /** One entry of a file_sd list: the addresses and the labels they share. */
    public record Target(List<String> targets, Map<String, String> labels) {
    }

    private ScrapeTargets() {
    }

    /** File name to list, for every service, so a service scaled to zero leaves an empty list, not a stale one. */
    public static Map<String, List<Target>> of(StackState state) {
        Map<String, List<Target>> files = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            files.put(fileName(s), state.nodes(s).stream().map(node -> target(s, node)).toList());
        }
        return files;
    }

    /** Each list is replaced in one rename, so Prometheus never reads half a file. */
    static void write(Path dir, StackState state) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<Target>> file : of(state).entrySet()) {
                Path tmp = dir.resolve(file.getKey() + ".tmp");
                StateFile.JSON.writeValue(tmp.toFile(), file.getValue());
                Files.move(tmp, dir.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the target lists in " + dir + ": " + e.getMessage(), e);
        }
    }

    static String fileName(Service s) {
        return s.module() + ".json";
    }

    private static Target target(Service s, Instance node) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", s.module());
        labels.put("service", s.module());
        labels.put("node", node.id());
        return new Target(List.of("127.0.0.1:" + node.managementPort()), labels);
    }
}
