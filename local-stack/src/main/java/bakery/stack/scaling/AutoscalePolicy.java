package bakery.stack.scaling;

import bakery.stack.process.Service;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * How one consumer service scales, from {@code deploy/scaling.properties}: the file the KEDA
 * ScaledObjects are checked against, so one machine and Kubernetes use the same numbers. The
 * cooldown mirrors the ScaledObjects' scale-down stabilisation window.
 */
public record AutoscalePolicy(Service service, String group, List<String> topics, long lagThreshold, int min, int max, Duration cooldown) {

    public static final String FILE = "deploy/scaling.properties";

    public LagScalingRule rule() {
        return new LagScalingRule(lagThreshold, min, max, cooldown);
    }

    /** Every service the file names, with {@code --min}/{@code --max} overrides when given. */
    public static List<AutoscalePolicy> read(Path root, Duration cooldown, Integer minOverride, Integer maxOverride) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve(FILE))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve(FILE), e);
        }
        return parse(p, cooldown, minOverride, maxOverride);
    }

    static List<AutoscalePolicy> parse(Properties p, Duration cooldown, Integer minOverride, Integer maxOverride) {
        List<AutoscalePolicy> policies = new ArrayList<>();
        for (Service service : Service.values()) {
            String prefix = "scale." + service.module() + ".";
            String group = p.getProperty(prefix + "consumer-group");
            if (group == null) {
                continue;
            }
            policies.add(new AutoscalePolicy(service, group.trim(),
                    Arrays.stream(p.getProperty(prefix + "topics", "").split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList(),
                    Long.parseLong(p.getProperty(prefix + "lag-threshold").trim()),
                    minOverride != null ? minOverride : Integer.parseInt(p.getProperty(prefix + "min").trim()),
                    maxOverride != null ? maxOverride : Integer.parseInt(p.getProperty(prefix + "max").trim()),
                    cooldown));
        }
        return policies;
    }
}
