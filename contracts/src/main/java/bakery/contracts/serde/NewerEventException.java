package bakery.contracts.serde;

/**
 * A record a newer release wrote with a value this release does not know yet (a new status, stage or staff action).
 * It is not poison: the release after this one reads it. A consumer that meets one acknowledges it and carries on
 * (counted, logged) instead of dead-lettering it; what that means for each event is in docs/upgrades.md.
 */
public class NewerEventException extends EventFormatException {

    /** How the reason of such a record begins, so a consumer that only sees the reason text can tell. */
    public static final String REASON_PREFIX = "written by a newer release: ";

    public NewerEventException(String topic, String field, String detail, Throwable cause) {
        super(topic, field, REASON_PREFIX + detail, cause);
    }

    /** True when {@code reason} (an exception message or a dead-letter reason header) names a newer record. */
    public static boolean isNewer(String reason) {
        return reason != null && reason.contains(REASON_PREFIX);
    }
}
