package bakery.stack.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import bakery.stack.orchestration.LocalStack;
import bakery.stack.orchestration.StackException;
import bakery.stack.process.LogLines;
import bakery.stack.process.Service;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Every node's log merged in time order, each line prefixed by its node; -f keeps following.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "a service (web, order-service, baking-worker, notification-worker), a server (kafka, postgres, redis, smtp, nginx) or a node id")
    String only;
    @Option(names = { "-n",
            "--lines" }, defaultValue = "100", description = "last lines per node to start with (default ${DEFAULT-VALUE}, -1 for all)")
    int lines;
    @Option(names = { "-f", "--follow" }, description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LocalStack stack = BakeryCommand.stack();
        Path dir = stack.layout().logs();
        if (!Files.isDirectory(dir)) {
            throw new StackException("no logs yet in " + dir + " (start the bakery with ./bakery up)");
        }
        Map<String, Path> files = files(dir);
        if (files.isEmpty()) {
            throw new StackException("no log matches '" + only + "' in " + dir);
        }
        int width = files.keySet().stream().mapToInt(String::length).max().orElse(10);
        Map<String, List<String>> start = new TreeMap<>();
        Map<String, Long> read = new HashMap<>();
        for (var e : files.entrySet()) {
            List<String> all = Files.readAllLines(e.getValue(), StandardCharsets.UTF_8);
            start.put(e.getKey(), lines < 0 ? all : all.subList(Math.max(0, all.size() - lines), all.size()));
            read.put(e.getKey(), Files.size(e.getValue()));
        }
        LogLines.merge(start).forEach(l -> System.out.println(l.prefixed(width)));
        while (follow) {
            System.out.flush();
            Thread.sleep(stack.settings().duration("probe-interval").toMillis());
            for (var e : files(dir).entrySet()) {
                long from = read.getOrDefault(e.getKey(), 0L);
                long size = Files.size(e.getValue());
                if (size < from) {
                    from = 0;
                }
                if (size > from) {
                    for (String line : newLines(e.getValue(), from, size)) {
                        System.out.println(new LogLines.Line(e.getKey(), line, "").prefixed(width));
                    }
                    read.put(e.getKey(), size);
                }
            }
        }
        return 0;
    }

    private Map<String, Path> files(Path dir) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(".log")).forEach(p -> {
                String node = p.getFileName().toString().replaceFirst("\\.log$", "");
                if (matches(node)) {
                    files.put(node, p);
                }
            });
        }
        return files;
    }

    private boolean matches(String node) {
        if (only == null || node.equals(only) || node.startsWith(only + "-")) {
            return true;
        }
        try {
            Service s = Service.parse(only);
            return s.ordinalOf(node) > 0;
        } catch (IllegalArgumentException notAService) {
            return false;
        }
    }

    private static List<String> newLines(Path file, long from, long to) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(from);
            byte[] bytes = new byte[(int) (to - from)];
            f.readFully(bytes);
            return new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
        }
    }
}
