package bakery.contracts.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The bakery's capacity policy ({@code deploy/scaling.yaml}): per service its bounds and signal, and the
 * calendar rules that raise its floor, in one time zone. The one reading of the file: {@code ./bakery
 * autoscale} plans and scales with it, deploy's tests hold the Kubernetes scalers to it.
 * <p>
 * A service's floor at a moment is the highest count of the calendar rules in force, else its
 * {@code min} (the night floor); its signal may add instances up to {@code max}.
 */
public record ScalingPolicy(ZoneId timezone, Map<String, ServicePolicy> services, List<CalendarRule> calendar) {

    /** Where the policy lives in the repository. */
    public static final String FILE = "deploy/scaling.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ScalingPolicy {
        services = Map.copyOf(services);
        calendar = List.copyOf(calendar);
        for (CalendarRule rule : calendar) {
            for (var count : rule.instances().entrySet()) {
                ServicePolicy service = services.get(count.getKey());
                if (service == null) {
                    throw new IllegalArgumentException(
                            "calendar rule '" + rule.name() + "' names an unknown service: " + count.getKey());
                }
                if (!service.signal().lagScaled()) {
                    throw new IllegalArgumentException("calendar rule '" + rule.name() + "' gives " + count.getKey()
                            + " a floor, but it scales on CPU (an HPA has no calendar)");
                }
                if (count.getValue() < service.min() || count.getValue() > service.max()) {
                    throw new IllegalArgumentException("calendar rule '" + rule.name() + "' gives " + count.getKey() + " "
                            + count.getValue() + " instances, outside its " + service.min() + ".." + service.max());
                }
            }
        }
    }

    /** The policy as this build ships it in the contracts jar (a copy of {@link #FILE}). */
    public static ScalingPolicy shipped() {
        try (InputStream in = ScalingPolicy.class.getResourceAsStream("scaling.yaml")) {
            if (in == null) {
                throw new IllegalStateException("scaling.yaml is not in the contracts jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a policy file; anything it cannot use is refused with the reason. */
    public static ScalingPolicy read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static ScalingPolicy read(InputStream in) throws IOException {
        PolicyFile file;
        try {
            file = YAML.readValue(in, PolicyFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (file == null || file.timezone() == null || file.services() == null) {
            throw new IllegalArgumentException("needs timezone and services");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(file.timezone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown timezone " + file.timezone(), e);
        }
        Map<String, ServicePolicy> services = new LinkedHashMap<>();
        file.services().forEach((name, s) -> services.put(name, ServicePolicy.of(name, s)));
        List<CalendarRule> rules = file.calendar() == null ? List.of()
                : file.calendar().stream().map(CalendarRule::of).toList();
        return new ScalingPolicy(zone, services, rules);
    }

    /** The services in a stable order: as the bakery's tiers go, by name. */
    public List<ServicePolicy> inOrder() {
        return services.values().stream().sorted(Comparator.comparing(ServicePolicy::name)).toList();
    }

    public ServicePolicy service(String name) {
        ServicePolicy s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no scaling policy for " + name + "; the policy names " + services.keySet());
        }
        return s;
    }

    /** What the policy gives each service at this moment before any signal: the floor and the rule behind it. */
    public Map<String, Floor> floorsAt(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, timezone);
        Map<String, Floor> floors = new LinkedHashMap<>();
        for (ServicePolicy service : inOrder()) {
            Floor floor = new Floor(service.name(), service.min(), Optional.empty());
            for (CalendarRule rule : calendar) {
                Integer count = rule.instances().get(service.name());
                if (count != null && count > floor.instances() && rule.covers(local)) {
                    floor = new Floor(service.name(), count, Optional.of(rule.name()));
                }
            }
            floors.put(service.name(), floor);
        }
        return floors;
    }

    /** Instance-hours per service in a month of the policy's zone, counting each service at its floor. */
    public Map<String, Double> instanceHours(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(timezone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(timezone).toInstant();
        Map<String, Long> minutes = new LinkedHashMap<>();
        inOrder().forEach(s -> minutes.put(s.name(), 0L));
        // Rules change on the minute: a minute step is exact, also across a daylight-saving switch.
        for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
            floorsAt(t).forEach((name, floor) -> minutes.merge(name, (long) floor.instances(), Long::sum));
        }
        Map<String, Double> hours = new LinkedHashMap<>();
        minutes.forEach((name, m) -> hours.put(name, m / 60.0));
        return hours;
    }

    /** The first moment after {@code after} (within {@code horizon}) at which some service's floor changes. */
    public Optional<Change> nextChange(Instant after, Duration horizon) {
        Map<String, Floor> now = floorsAt(after);
        Instant start = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (Instant t = start; !t.isAfter(after.plus(horizon)); t = t.plus(1, ChronoUnit.MINUTES)) {
            Map<String, Floor> then = floorsAt(t);
            if (!then.equals(now)) {
                Map<String, Floor> changed = new LinkedHashMap<>();
                then.forEach((name, floor) -> {
                    if (!floor.equals(now.get(name))) {
                        changed.put(name, floor);
                    }
                });
                return Optional.of(new Change(ZonedDateTime.ofInstant(t, timezone), changed));
            }
        }
        return Optional.empty();
    }

    /** A service's floor at a moment and the calendar rule that set it (none: its night floor, {@code min}). */
    public record Floor(String service, int instances, Optional<String> rule) {

        public String reason() {
            return rule.map(r -> "calendar rule '" + r + "'").orElse("night floor (min)");
        }
    }

    /** The floors that change at a moment, for example 10 baking-workers from the month's last days at 06:00. */
    public record Change(ZonedDateTime at, Map<String, Floor> floors) {
    }

    record PolicyFile(String timezone, Map<String, ServicePolicy.Entry> services, List<CalendarRule.Entry> calendar) {
    }
}
