package bakery.stack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The stack's settings: {@code bakery-stack.properties} from the jar, each key overridable by an
 * environment variable named {@code BAKERY_<KEY>} (upper case, dots and dashes as underscores).
 */
public final class StackSettings {

    private static final String RESOURCE = "/bakery-stack.properties";

    private final Properties defaults;
    private final Map<String, String> env;
    /** A command's short run reads {@code <section>.short.X} for {@code <section>.X} where there is one; null otherwise. */
    private final String shortSection;

    StackSettings(Properties defaults, Map<String, String> env) {
        this(defaults, env, null);
    }

    private StackSettings(Properties defaults, Map<String, String> env, String shortSection) {
        this.defaults = defaults;
        this.env = env;
        this.shortSection = shortSection;
    }

    public static StackSettings load(Map<String, String> env) {
        Properties p = new Properties();
        try (InputStream in = StackSettings.class.getResourceAsStream(RESOURCE)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new StackSettings(p, env);
    }

    public static StackSettings fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * The settings of a command's short run (a check that it works, not a measurement): each {@code section.X} is read
     * from {@code section.short.X} where the properties have one. A variable set for {@code section.X} still wins.
     */
    public StackSettings shortRun(String section) {
        return new StackSettings(defaults, env, section);
    }

    static String envName(String key) {
        return "BAKERY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String text(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String value = shortSection != null && key.startsWith(shortSection + ".")
                ? defaults.getProperty(shortSection + ".short." + key.substring(shortSection.length() + 1),
                        defaults.getProperty(key))
                : defaults.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key + " in " + RESOURCE);
        }
        return value.trim();
    }

    public int number(String key) {
        return Integer.parseInt(text(key));
    }

    public List<String> words(String key) {
        String value = text(key);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    /** A setting of KEY=VALUE words (MALLOC_ARENA_MAX=2, say), as environment variables. */
    public Map<String, String> environment(String key) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : words(key)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key + " takes KEY=VALUE words, not '" + word + "'");
            }
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return env;
    }

    public List<String> list(String key) {
        return Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Durations as written in the properties: {@code 250ms}, {@code 40s}, {@code 2m}. */
    public Duration duration(String key) {
        return parseDuration(text(key));
    }

    public static Duration parseDuration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }

    public int portOffset() {
        return number("port-offset");
    }

    /** The base port of a service or server, offset. */
    public int port(String name) {
        return number("port." + name) + portOffset();
    }
}
