package bakery.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the worker scaling rules from {@code deploy/scaling.properties} (also on the classpath of this module's jar). */
public final class ScalingRules {

    public static final String RESOURCE = "/bakery/deploy/scaling.properties";

    private static final Pattern WORKER_KEY = Pattern.compile("scale\\.([a-z0-9-]+)\\.consumer-group");

    private ScalingRules() {
    }

    /** The rules shipped with this build, by worker name. */
    public static Map<String, ScalingRule> load() {
        try (InputStream in = ScalingRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, ScalingRule> read(InputStream in) throws IOException {
        Properties props = new Properties();
        props.load(in);
        Map<String, ScalingRule> rules = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            Matcher m = WORKER_KEY.matcher(key);
            if (m.matches()) {
                String worker = m.group(1);
                rules.put(worker, rule(worker, props));
            }
        }
        return rules;
    }

    private static ScalingRule rule(String worker, Properties props) {
        String prefix = "scale." + worker + ".";
        Optional<ScalingRule.BusinessHours> hours = Optional.ofNullable(props.getProperty(prefix + "business-hours.replicas"))
                .map(replicas -> new ScalingRule.BusinessHours(Integer.parseInt(replicas.trim()),
                        required(props, prefix + "business-hours.start"),
                        required(props, prefix + "business-hours.end"),
                        required(props, prefix + "business-hours.timezone")));
        return new ScalingRule(worker,
                required(props, prefix + "consumer-group"),
                Arrays.stream(required(props, prefix + "topics").split(",")).map(String::trim).toList(),
                Long.parseLong(required(props, prefix + "lag-threshold")),
                Integer.parseInt(required(props, prefix + "min")),
                Integer.parseInt(required(props, prefix + "max")),
                hours);
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("scaling.properties: missing " + key);
        }
        return value.trim();
    }
}
