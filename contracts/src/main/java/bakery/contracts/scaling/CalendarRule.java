package bakery.contracts.scaling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A calendar rule of the capacity policy: on the days it names (weekdays, the month's last N days,
 * dates of the year; all that it names must hold), from {@code from} (inclusive) to {@code to}
 * (exclusive) local time, each service it lists runs at least that many instances.
 */
public record CalendarRule(String name, Set<DayOfWeek> days, int lastDaysOfMonth, Set<MonthDay> dates, LocalTime from,
        LocalTime to, Map<String, Integer> instances) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd");

    public CalendarRule {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        dates = Set.copyOf(dates);
        instances = Map.copyOf(instances);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("calendar rule '" + name + "': from " + from + " must be before to " + to);
        }
        if (lastDaysOfMonth < 0 || lastDaysOfMonth > 28) {
            throw new IllegalArgumentException(
                    "calendar rule '" + name + "': lastDaysOfMonth is 1..28, was " + lastDaysOfMonth);
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("calendar rule '" + name + "' gives no service any instances");
        }
    }

    /** Whether the rule holds on this day (every selector it names matches; none named: every day). */
    public boolean appliesOn(LocalDate day) {
        return (days.isEmpty() || days.contains(day.getDayOfWeek()))
                && (lastDaysOfMonth == 0 || day.getDayOfMonth() > day.lengthOfMonth() - lastDaysOfMonth)
                && (dates.isEmpty() || dates.contains(MonthDay.from(day)));
    }

    /** Whether the rule is in force at this local moment. */
    public boolean covers(LocalDateTime at) {
        LocalTime time = at.toLocalTime();
        return appliesOn(at.toLocalDate()) && !time.isBefore(from) && time.isBefore(to);
    }

    static CalendarRule of(Entry e) {
        String name = e.name() == null ? "(unnamed)" : e.name();
        if (e.from() == null || e.to() == null || e.instances() == null) {
            throw new IllegalArgumentException("calendar rule '" + name + "' needs from, to and instances");
        }
        try {
            return new CalendarRule(name, e.days() == null ? Set.of() : Set.copyOf(e.days()),
                    e.lastDaysOfMonth() == null ? 0 : e.lastDaysOfMonth(),
                    e.dates() == null ? Set.of() : Set.copyOf(e.dates().stream().map(d -> MonthDay.parse(d, DATE)).toList()),
                    LocalTime.parse(e.from()), LocalTime.parse(e.to()), new TreeMap<>(e.instances()));
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(
                    "calendar rule '" + name + "': " + ex.getParsedString() + " is not a time (HH:MM) or date (MM-DD)", ex);
        }
    }

    record Entry(String name, List<DayOfWeek> days, Integer lastDaysOfMonth, List<String> dates, String from, String to,
            Map<String, Integer> instances) {
    }
}
