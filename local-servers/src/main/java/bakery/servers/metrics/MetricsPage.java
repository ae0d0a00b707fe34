package bakery.servers.metrics;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import bakery.servers.readiness.Probes;

/**
 * One read of a node's {@code /q/metrics} page on its management port (Prometheus text format): its
 * samples by name and labels. An exemplar after a value ({@code # {trace_id=...} 1.0}) is not part of
 * the sample; a line whose value is no number is left out.
 */
public class MetricsPage {

    /** One line of the page: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    protected MetricsPage(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * The page as the node serves it now; an {@link java.io.UncheckedIOException} when the node does
     * not answer, an {@link IllegalStateException} when it answers with anything but 200.
     */
    public static MetricsPage of(URI page, Probes probes) {
        Probes.Page answer = probes.page(page);
        if (answer.status() != 200) {
            throw new IllegalStateException(page + " answered " + answer.status());
        }
        return parse(answer.body());
    }

    public static MetricsPage parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            try {
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            } catch (NumberFormatException notANumber) {
                // a line we do not read
            }
        }
        return new MetricsPage(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Sum of every sample of the metric whose labels include all of {@code labels} (name, value, name, value...). */
    public double sum(String name, String... labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && hasLabels(s, labels))
                .mapToDouble(Sample::value)
                .sum();
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean hasLabels(Sample sample, String[] labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
