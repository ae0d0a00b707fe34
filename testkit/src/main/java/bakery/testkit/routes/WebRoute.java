package bakery.testkit.routes;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One address the web tier answers: its method, its path template ({@code /board/orders/{id}/cancel}),
 * the roles it demands (empty: anyone) and a sample value for each path parameter.
 */
public record WebRoute(String method, String template, Set<String> roles, Map<String, String> samples) {

    /** Any signed-in user, as {@code @Authenticated} demands. */
    public static final String ANY_SIGNED_IN = "**";

    /** Neither roles nor {@code @PermitAll}: Quarkus refuses it to everybody (deny-unannotated-endpoints). */
    public static final String UNANNOTATED = "(unannotated)";

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    /** Staff and ops routes: a stranger must never get past them. */
    public boolean guarded() {
        return !roles.isEmpty();
    }

    /** The template with every parameter replaced by its sample: a real address of this route. */
    public String path() {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(samples.getOrDefault(m.group(1), "sample")));
        }
        m.appendTail(path);
        return path.toString();
    }

    @Override
    public String toString() {
        return method + " " + template + (roles.isEmpty() ? "" : " " + roles);
    }
}
