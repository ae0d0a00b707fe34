package bakery.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service's configuration as it runs in a container (the prod profile): its application.properties
 * over the shared defaults of service-defaults, with {@code ${VAR:default}} expressions expanded against
 * the environment a deployment gives it.
 */
record AppConfig(String service, Properties own, Properties shared) {

    static final String SHARED = "service-defaults/src/main/resources/META-INF/microprofile-config.properties";

    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\..+");
    private static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\..+");
    private static final Pattern PROFILED = Pattern.compile("%([^.]+)\\.(.+)");

    static AppConfig of(String service) {
        return new AppConfig(service,
                load(Repo.read(Repo.file(service + "/src/main/resources/application.properties"))),
                load(Repo.read(Repo.file(SHARED))));
    }

    private static Properties load(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** Environment variables the service reads in a container: every {@code ${VAR...}} outside the dev and test profiles. */
    Set<String> environmentVariables() {
        Set<String> vars = new TreeSet<>();
        for (Properties props : new Properties[] { shared, own }) {
            for (String key : props.stringPropertyNames()) {
                if (inProd(key)) {
                    Matcher m = ENV_VAR.matcher(props.getProperty(key));
                    while (m.find()) {
                        vars.add(m.group(1));
                    }
                }
            }
        }
        return vars;
    }

    private static boolean inProd(String key) {
        Matcher m = PROFILED.matcher(key);
        return !m.matches() || m.group(1).equals("prod");
    }

    /** The raw value the prod profile sees, before expansion. */
    Optional<String> raw(String key) {
        for (Properties props : new Properties[] { own, shared }) {
            String value = props.getProperty("%prod." + key, props.getProperty(key));
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The value in a container whose environment is {@code env}. */
    Optional<String> value(String key, Map<String, String> env) {
        return raw(key).map(v -> expand(v, env, 0));
    }

    String value(String key, Map<String, String> env, String orElse) {
        return value(key, env).orElse(orElse);
    }

    private String expand(String text, Map<String, String> env, int depth) {
        if (depth > 10) {
            throw new IllegalStateException(service + ": expression nests too deep: " + text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = closing(text, start + 2);
            String inner = text.substring(start + 2, end);
            int colon = topLevelColon(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String fallback = colon < 0 ? null : inner.substring(colon + 1);
            String found = name.matches("[A-Z][A-Z0-9_]*") ? env.get(name) : raw(name).orElse(null);
            if (found == null && fallback == null) {
                out.append('<').append(name).append('>');
            } else {
                out.append(expand(found != null ? found : fallback, env, depth + 1));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed ${ in " + text);
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                depth++;
                i++;
            } else if (inner.charAt(i) == '}') {
                depth--;
            } else if (inner.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A skeleton that has not chosen its port yet (it would listen on Quarkus' 8080, not on the bakery's port for it). */
    boolean declaresItsPort() {
        return raw("quarkus.http.port").isPresent();
    }

    /** The public port: the service's own endpoints, what a balancer or a Service forwards to. */
    int httpPort(Map<String, String> env) {
        return Integer.parseInt(value("quarkus.http.port", env, "8080"));
    }

    boolean hasManagementInterface(Map<String, String> env) {
        return Boolean.parseBoolean(value("quarkus.management.enabled", env, "false"));
    }

    /** The port health checks and metrics answer on: the management interface's when it is on, else the public one. */
    int healthPort(Map<String, String> env) {
        if (hasManagementInterface(env)) {
            return Integer.parseInt(value("quarkus.management.port", env, "9000"));
        }
        return httpPort(env);
    }

    /** Where SmallRye Health answers a probe: kind is live, ready or started. */
    String healthPath(String kind, Map<String, String> env) {
        String root = hasManagementInterface(env) ? value("quarkus.management.root-path", env, "q")
                : value("quarkus.http.non-application-root-path", env, "q");
        String health = value("quarkus.smallrye-health.root-path", env, "health");
        String leaf = value("quarkus.smallrye-health." + Map.of("live", "liveness-path", "ready", "readiness-path",
                "started", "startup-path").get(kind), env, kind);
        String base = root.startsWith("/") ? root : "/" + root;
        String path = health.startsWith("/") ? health : base + "/" + health;
        return (leaf.startsWith("/") ? leaf : path + "/" + leaf).replaceAll("/+", "/");
    }

    Duration duration(String key, Map<String, String> env, String orElse) {
        return parseDuration(value(key, env, orElse));
    }

    /** Quarkus' duration syntax: a number with ms, s, m, h or d (case-insensitive), or ISO-8601. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE).matcher(t);
        if (!m.matches()) {
            return Duration.parse(t);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase();
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Kafka topics this service consumes, by channel, with the consumer group each channel joins. */
    Map<String, Consumer> incoming(Map<String, String> env) {
        Map<String, Consumer> channels = new TreeMap<>();
        for (Properties props : new Properties[] { shared, own }) {
            for (String key : props.stringPropertyNames()) {
                Matcher m = INCOMING.matcher(key);
                if (m.matches()) {
                    channels.put(m.group(1), null);
                }
            }
        }
        Map<String, Consumer> resolved = new LinkedHashMap<>();
        for (String channel : channels.keySet()) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            String group = value(prefix + "group.id", env)
                    .or(() -> value("kafka.group.id", env))
                    .orElseGet(() -> value("quarkus.application.name", env, service));
            String offsetReset = value(prefix + "auto.offset.reset", env)
                    .or(() -> value("kafka.auto.offset.reset", env))
                    .or(() -> value("mp.messaging.connector.smallrye-kafka.auto.offset.reset", env))
                    .orElse("latest");
            List<String> topics = value(prefix + "topics", env)
                    .map(list -> Arrays.stream(list.split(",")).map(String::trim).toList())
                    .orElseGet(() -> List.of(value(prefix + "topic", env, channel)));
            resolved.put(channel, new Consumer(topics, group, offsetReset));
        }
        return resolved;
    }

    /** Dead-letter topics by channel: where a consumer that gives up on a record writes it. */
    Map<String, String> deadLetterTopics(Map<String, String> env) {
        Map<String, String> topics = new TreeMap<>();
        for (String channel : incoming(env).keySet()) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if (value(prefix + "failure-strategy", env, "fail").equals("dead-letter-queue")) {
                topics.put(channel, value(prefix + "dead-letter-queue.topic", env, "dead-letter-topic-" + channel));
            }
        }
        return topics;
    }

    /** The topic of each outgoing channel (a channel may also name other topics per message: see the topic table). */
    Map<String, String> outgoingTopics(Map<String, String> env) {
        Map<String, String> topics = new TreeMap<>();
        for (Properties props : new Properties[] { shared, own }) {
            for (String key : props.stringPropertyNames()) {
                Matcher m = OUTGOING.matcher(key);
                if (m.matches()) {
                    topics.put(m.group(1), value("mp.messaging.outgoing." + m.group(1) + ".topic", env, m.group(1)));
                }
            }
        }
        return topics;
    }

    record Consumer(List<String> topics, String group, String offsetReset) {
    }
}
